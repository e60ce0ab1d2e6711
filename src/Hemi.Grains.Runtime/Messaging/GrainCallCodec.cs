using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Messaging.Serialization;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// Encodes grain calls and their responses as frame bodies (the request context travels in the frame header).
/// Usable without a silo: an external client builds one from its manifest.
/// <para>Request body (little-endian): <c>version:u8 (1) | flags:u16 (MessageFlags: ReadOnly, AlwaysInterleave,
/// OneWay, SystemMessage) | forwardCount:u8 | timeToLiveMs:u32 (0 = none; remaining time, never a clock) |
/// target:str16 | sendingGrain:str16 (empty = none) | interface:str16 | methodId:i32 | arguments</c>, where str16 is a
/// u16 length and UTF-8 bytes and the arguments are one JSON array with each argument written by its declared type.</para>
/// <para>Response body: <c>version:u8 (1) | status:u8</c> then, for status 0 (result), the result as JSON by the
/// method's declared result type (nothing for void methods); for 1 (exception) <c>type:str16 | message:str32 |
/// stack:str32</c>; for 2 (rejection) <c>reason:u8 | message:str32</c>.</para>
/// </summary>
public sealed class GrainCallCodec
{
    /// <summary>The wire version this build writes and accepts.</summary>
    public const byte Version = 1;

    /// <summary>Longest grain id, interface name or exception type name (bytes).</summary>
    public const int MaxNameLength = 4096;

    /// <summary>Longest exception message or stack text that is sent (bytes; longer text is cut).</summary>
    public const int MaxExceptionTextLength = 64 * 1024;

    private const MessageFlags WireFlags = MessageFlags.ReadOnly | MessageFlags.AlwaysInterleave | MessageFlags.OneWay | MessageFlags.SystemMessage;
    private const byte StatusResult = 0;
    private const byte StatusException = 1;
    private const byte StatusRejection = 2;

    private readonly FrozenDictionary<string, GrainInterfaceInfo> _interfaces;
    private readonly TimeProvider _time;
    // Only types that exist are cached, so hostile type names cannot grow it.
    private readonly ConcurrentDictionary<string, Func<string, Exception>?> _exceptionFactories = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a codec for <paramref name="interfaces"/> (e.g. <c>GrainManifestBuilder.Interfaces.Values</c>).
    /// <paramref name="grainFactory"/>, when it is a runtime's factory, turns grain reference arguments into live proxies.
    /// </summary>
    public GrainCallCodec(IEnumerable<GrainInterfaceInfo> interfaces, IGrainFactory? grainFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        var byName = new Dictionary<string, GrainInterfaceInfo>(StringComparer.Ordinal)
        {
            [ReceiveReminderRequest.Interface] = ReceiveReminderRequest.InterfaceInfo,
        };
        foreach (var info in interfaces)
        {
            byName[info.InterfaceName] = info;
        }

        _interfaces = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            MaxDepth = 64,
            Converters =
            {
                new GrainIdJsonConverter(),
                new SiloAddressJsonConverter(),
                new CancellationTokenJsonConverter(),
                new BigIntegerJsonConverter(),
                new ObjectJsonConverter(),
                new GrainReferenceJsonConverterFactory(name => _interfaces.TryGetValue(name, out var i) ? i.InterfaceType : null, grainFactory as IGrainReferenceFactory),
            },
        };
        SerializerOptions.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>The serializer settings used for arguments and results.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Encodes <paramref name="request"/>'s header and arguments.</summary>
    /// <exception cref="NotSupportedException">The request is local-only (generic method, runtime-internal message) or an argument cannot be serialized.</exception>
    public byte[] EncodeRequest(Message request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(256);
        WireWriter.WriteByte(buffer, Version);
        WireWriter.WriteUInt16(buffer, (ushort)(request.Flags & WireFlags));
        WireWriter.WriteByte(buffer, (byte)Math.Clamp(request.ForwardCount, 0, byte.MaxValue));
        WireWriter.WriteUInt32(buffer, RemainingMilliseconds(request.ExpiryTimestamp));
        WireWriter.WriteString16(buffer, request.TargetGrain.ToString(), MaxNameLength, "target grain id");
        WireWriter.WriteString16(buffer, request.SendingGrain.IsDefault ? string.Empty : request.SendingGrain.ToString(), MaxNameLength, "sending grain id");
        WireWriter.WriteString16(buffer, request.InterfaceName, MaxNameLength, "interface name");
        WireWriter.WriteInt32(buffer, request.MethodId);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            request.WriteArguments(json, SerializerOptions);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes a request into a new, unregistered message (header fields, arguments and expiry set; the request
    /// context is the caller's to attach).
    /// </summary>
    /// <exception cref="GrainCallFormatException">The body is malformed.</exception>
    /// <exception cref="GrainCallRejectedException">The interface or method is unknown here.</exception>
    public Message DecodeRequest(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        byte version = reader.ReadByte();
        if (version != Version)
        {
            throw new GrainCallFormatException($"Unknown grain call version {version}.");
        }

        var flags = (MessageFlags)reader.ReadUInt16();
        if ((flags & ~WireFlags) != 0)
        {
            throw new GrainCallFormatException($"Unknown grain call flags 0x{(ushort)flags:x4}.");
        }

        int forwardCount = reader.ReadByte();
        uint ttl = reader.ReadUInt32();
        var target = ParseGrainId(reader.ReadString16(MaxNameLength, "target grain id"), "target grain id");
        string sendingText = reader.ReadString16(MaxNameLength, "sending grain id");
        var sending = sendingText.Length == 0 ? default : ParseGrainId(sendingText, "sending grain id");
        string interfaceName = reader.ReadString16(MaxNameLength, "interface name");
        int methodId = reader.ReadInt32();

        if (!_interfaces.TryGetValue(interfaceName, out var info))
        {
            throw new GrainCallRejectedException(GrainCallRejection.UnknownInterface, $"Grain interface '{interfaceName}' is not known here.");
        }

        var request = info.Invoker.CreateRequest(methodId)
            ?? throw new GrainCallRejectedException(GrainCallRejection.UnknownMethod, $"{interfaceName} has no remotely callable method {methodId}.");
        if ((request.Flags & MessageFlags.OneWay) != (flags & MessageFlags.OneWay))
        {
            throw new GrainCallFormatException($"The one-way flag does not match {interfaceName}.{request.MethodName}.");
        }

        var arguments = new Utf8JsonReader(reader.Remaining, new JsonReaderOptions { MaxDepth = SerializerOptions.MaxDepth });
        try
        {
            request.ReadArguments(ref arguments, SerializerOptions);
            if (arguments.Read())
            {
                throw new GrainCallFormatException("Bytes follow the argument array.");
            }
        }
        catch (GrainCallFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new GrainCallFormatException($"Malformed arguments for {interfaceName}.{request.MethodName}: {e.Message}", e);
        }

        request.Flags = flags;
        request.ForwardCount = forwardCount;
        request.TargetGrain = target;
        request.SendingGrain = sending;
        request.Direction = (flags & MessageFlags.OneWay) != 0 ? MessageDirection.OneWay : MessageDirection.Request;
        request.ExpiryTimestamp = ttl == 0 ? 0 : _time.GetTimestamp() + (long)(ttl * (double)_time.TimestampFrequency / 1000);
        return request;
    }

    /// <summary>Encodes a successful result by its declared type.</summary>
    public byte[] EncodeResult<T>(T result)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        WireWriter.WriteByte(buffer, Version);
        WireWriter.WriteByte(buffer, StatusResult);
        try
        {
            using var json = new Utf8JsonWriter(buffer);
            JsonSerializer.Serialize(json, result, SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return EncodeException(new NotSupportedException($"The result of type {typeof(T)} cannot be serialized: {e.Message}", e));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes the successful completion of a void method.</summary>
    public byte[] EncodeVoidResult() => [Version, StatusResult];

    /// <summary>Encodes a failure as type name, message and stack text.</summary>
    public byte[] EncodeException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is GrainCallRejectedException rejected)
        {
            return EncodeRejection(rejected.Rejection, rejected.Message);
        }

        string typeName = exception is RemoteGrainException remote && remote.RemoteTypeName.Length > 0
            ? remote.RemoteTypeName
            : exception.GetType().FullName ?? exception.GetType().Name;
        if (System.Text.Encoding.UTF8.GetByteCount(typeName) > MaxNameLength)
        {
            typeName = typeof(Exception).FullName!;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        WireWriter.WriteByte(buffer, Version);
        WireWriter.WriteByte(buffer, StatusException);
        WireWriter.WriteString16(buffer, typeName, MaxNameLength, "exception type");
        WireWriter.WriteString32Truncated(buffer, exception.Message, MaxExceptionTextLength);
        // A failure relayed through a forwarding silo keeps the stack of the silo where it happened.
        string stack = exception is RemoteGrainException { RemoteStackTrace.Length: > 0 } relayed ? relayed.RemoteStackTrace : exception.StackTrace ?? string.Empty;
        WireWriter.WriteString32Truncated(buffer, stack, MaxExceptionTextLength);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a refusal to run the call.</summary>
    public byte[] EncodeRejection(GrainCallRejection rejection, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(64);
        WireWriter.WriteByte(buffer, Version);
        WireWriter.WriteByte(buffer, StatusRejection);
        WireWriter.WriteByte(buffer, (byte)rejection);
        WireWriter.WriteString32Truncated(buffer, message, MaxExceptionTextLength);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes a response for a method returning <typeparamref name="T"/>. Never throws: a failure response, or a
    /// malformed body (<see cref="GrainCallFormatException"/>), yields false and the exception to complete the call with.
    /// </summary>
    public bool TryDecodeResult<T>(ReadOnlySpan<byte> body, out T? result, out Exception? exception)
    {
        result = default;
        try
        {
            var reader = new WireReader(body);
            if (ReadStatus(ref reader, out exception))
            {
                var json = new Utf8JsonReader(reader.Remaining, new JsonReaderOptions { MaxDepth = SerializerOptions.MaxDepth });
                result = JsonSerializer.Deserialize<T>(ref json, SerializerOptions);
                if (json.Read())
                {
                    throw new GrainCallFormatException("Bytes follow the result.");
                }

                return true;
            }

            return false;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            exception = e as GrainCallFormatException ?? new GrainCallFormatException($"Malformed response: {e.Message}", e);
            return false;
        }
    }

    /// <summary>Decodes a response for a void method; see <see cref="TryDecodeResult{T}"/>.</summary>
    public bool TryDecodeVoidResult(ReadOnlySpan<byte> body, out Exception? exception)
    {
        try
        {
            var reader = new WireReader(body);
            if (!ReadStatus(ref reader, out exception))
            {
                return false;
            }

            if (!reader.Remaining.IsEmpty)
            {
                throw new GrainCallFormatException("A void response carries a result.");
            }

            return true;
        }
        catch (GrainCallFormatException e)
        {
            exception = e;
            return false;
        }
    }

    /// <summary>Completes <paramref name="request"/> (a call sent with <see cref="EncodeRequest"/>) from its encoded response.</summary>
    public void ApplyResponse(Message request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ApplyResponse(this, body);
    }

    /// <summary>Waits until <paramref name="request"/> (a decoded, dispatched call) has its response, and encodes it.</summary>
    public ValueTask<byte[]> WaitAndEncodeResponse(Message request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.WaitAndEncodeResponse(this);
    }

    /// <summary>
    /// True when <paramref name="body"/> is a response saying the target silo could not serve the call (a transient
    /// rejection or a <see cref="SiloUnavailableException"/>): the sender's cached address is then stale.
    /// </summary>
    public static bool IsUnavailableResponse(ReadOnlySpan<byte> body)
    {
        if (body.Length < 3 || body[0] != Version)
        {
            return false;
        }

        if (body[1] == StatusRejection)
        {
            return (GrainCallRejection)body[2] is GrainCallRejection.Transient or GrainCallRejection.ForwardLimitExceeded;
        }

        if (body[1] != StatusException || body.Length < 4)
        {
            return false;
        }

        int length = body[2] | (body[3] << 8);
        return body.Length >= 4 + length && body.Slice(4, length).SequenceEqual(UnavailableTypeName);
    }

    /// <summary>
    /// True when <paramref name="body"/> is a <see cref="GrainCallRejection.Transient"/> rejection: the runtime refused
    /// the call before dispatching it, so it may be addressed again.
    /// </summary>
    public static bool IsTransientRejection(ReadOnlySpan<byte> body)
        => body.Length >= 3 && body[0] == Version && body[1] == StatusRejection && (GrainCallRejection)body[2] == GrainCallRejection.Transient;

    private static ReadOnlySpan<byte> UnavailableTypeName => "Hemi.Grains.Runtime.SiloUnavailableException"u8;

    /// <summary>The interface registered under <paramref name="interfaceName"/>, if any.</summary>
    public bool TryGetInterface(string interfaceName, out GrainInterfaceInfo info) => _interfaces.TryGetValue(interfaceName, out info!);

    private bool ReadStatus(ref WireReader reader, out Exception? exception)
    {
        byte version = reader.ReadByte();
        if (version != Version)
        {
            throw new GrainCallFormatException($"Unknown response version {version}.");
        }

        switch (reader.ReadByte())
        {
            case StatusResult:
                exception = null;
                return true;
            case StatusException:
                string typeName = reader.ReadString16(MaxNameLength, "exception type");
                string message = reader.ReadString32(MaxExceptionTextLength, "exception message");
                string stack = reader.ReadString32(MaxExceptionTextLength, "stack trace");
                EnsureEnd(ref reader);
                exception = CreateException(typeName, message, stack);
                return false;
            case StatusRejection:
                byte reason = reader.ReadByte();
                string text = reader.ReadString32(MaxExceptionTextLength, "rejection message");
                EnsureEnd(ref reader);
                exception = (GrainCallRejection)reason switch
                {
                    GrainCallRejection.Transient => new SiloUnavailableException(text, notProcessed: true),
                    GrainCallRejection.ForwardLimitExceeded => new SiloUnavailableException(text),
                    var r when Enum.IsDefined(r) => new GrainCallRejectedException(r, text),
                    _ => throw new GrainCallFormatException($"Unknown rejection reason {reason}."),
                };
                return false;
            case var status:
                throw new GrainCallFormatException($"Unknown response status {status}.");
        }
    }

    private static void EnsureEnd(ref WireReader reader)
    {
        if (!reader.Remaining.IsEmpty)
        {
            throw new GrainCallFormatException($"{reader.Remaining.Length} bytes follow the response.");
        }
    }

    private Exception CreateException(string typeName, string message, string stack)
    {
        var factory = _exceptionFactories.TryGetValue(typeName, out var cached) ? cached : ResolveExceptionFactory(typeName);
        if (factory is null)
        {
            return new RemoteGrainException(typeName, message, stack);
        }

        try
        {
            var exception = factory(message);
            return stack.Length == 0 ? exception : ExceptionDispatchInfo.SetRemoteStackTrace(exception, stack);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new RemoteGrainException(typeName, message, stack);
        }
    }

    /// <summary>
    /// Finds an already loaded exception type by full name (never loads an assembly on behalf of a peer) with a
    /// public (string) constructor.
    /// </summary>
    private Func<string, Exception>? ResolveExceptionFactory(string typeName)
    {
        // Generic or assembly-qualified names could make the type loader pull in assemblies: not for peer input.
        if (typeName.Length == 0 || typeName.AsSpan().IndexOfAny("[],`") >= 0)
        {
            return null;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            Type? type;
            try
            {
                type = assembly.GetType(typeName, throwOnError: false);
            }
            catch (Exception e) when (e is ArgumentException or FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException)
            {
                continue;
            }

            if (type is null)
            {
                continue;
            }

            Func<string, Exception>? factory = null;
            if (typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract && !type.ContainsGenericParameters)
            {
                // (string message, Exception inner) first: for some types (ArgumentNullException) (string) is not the message.
                if (type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]) is { } withInner)
                {
                    factory = message => (Exception)withInner.Invoke([message, null]);
                }
                else if (type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } constructor)
                {
                    factory = message => (Exception)constructor.Invoke([message]);
                }
            }

            _exceptionFactories.TryAdd(typeName, factory);
            return factory;
        }

        return null;
    }

    private uint RemainingMilliseconds(long expiry)
    {
        if (expiry == 0)
        {
            return 0;
        }

        double ms = (expiry - _time.GetTimestamp()) * 1000.0 / _time.TimestampFrequency;
        return ms < 1 ? 1u : ms >= uint.MaxValue ? uint.MaxValue - 1 : (uint)ms;
    }

    private static GrainId ParseGrainId(string text, string what)
    {
        try
        {
            return GrainId.TryParse(text, out var id) ? id : throw new GrainCallFormatException($"The {what} is not of the form \"type/key\".");
        }
        catch (ArgumentException e)
        {
            throw new GrainCallFormatException($"The {what} is invalid: {e.Message}", e);
        }
    }
}
