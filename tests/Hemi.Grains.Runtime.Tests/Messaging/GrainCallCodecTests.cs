using System.Buffers;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Metadata;
using Hemi.Grains.Runtime.Tests.TestGrains;

namespace Hemi.Grains.Runtime.Tests.Messaging;

public sealed class GrainCallCodecTests
{
    private static readonly GrainInterfaceInfo[] Interfaces =
        [.. new GrainManifestBuilder().AddAssembly(typeof(RemoteTestGrain).Assembly).Interfaces.Values];

    private static readonly GrainCallCodec Codec = new(Interfaces);

    private static GrainInterfaceInfo RemoteInterface => Interfaces.Single(i => i.InterfaceType == typeof(IRemoteTestGrain));

    private static Message NewRequest(string methodName)
    {
        for (int id = 0; id < 64; id++)
        {
            if (RemoteInterface.Invoker.CreateRequest(id) is { } request && request.MethodName == methodName)
            {
                return request;
            }
        }

        throw new InvalidOperationException(methodName);
    }

    private static void SetArgs(Message request, params object?[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            request.GetType().GetField("Arg" + i)!.SetValue(request, args[i]);
        }
    }

    private static object? Arg(Message request, int i) => request.GetType().GetField("Arg" + i)!.GetValue(request);

    private static bool IsValidUtf16(string? s)
    {
        if (s is null)
        {
            return true;
        }

        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && (i + 1 >= s.Length || !char.IsLowSurrogate(s[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static Gen<string> Text => ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && IsValidUtf16(s));

    [Fact]
    public void Request_RoundTripsHeaderAndTypedArguments()
    {
        var gen =
            from a in ArbMap.Default.GeneratorFor<int>()
            from b in ArbMap.Default.GeneratorFor<long>()
            from c in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(s => (string?)s))
            from d in ArbMap.Default.GeneratorFor<byte[]>()
            from key in Text
            from port in Gen.Choose(1, 65535)
            from generation in ArbMap.Default.GeneratorFor<int>()
            from g in ArbMap.Default.GeneratorFor<Guid>()
            from forward in Gen.Choose(0, 2)
            from flags in Gen.Elements(MessageFlags.None, MessageFlags.ReadOnly, MessageFlags.AlwaysInterleave, MessageFlags.ReadOnly | MessageFlags.SystemMessage)
            select (a, b, c, d, key, port, generation, g, forward, flags);

        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var request = NewRequest(nameof(IRemoteTestGrain.Mixed));
            var grain = GrainId.Create("remotetest", x.key);
            var silo = new SiloAddress(new IPEndPoint(IPAddress.Loopback, x.port), Math.Abs(x.generation));
            SetArgs(request, x.a, x.b, x.c, x.d, grain, silo, x.g);
            request.TargetGrain = grain;
            request.SendingGrain = GrainId.Create("caller", "k/" + x.key);
            request.ForwardCount = x.forward;
            request.Flags = x.flags;

            var decoded = Codec.DecodeRequest(Codec.EncodeRequest(request));

            Assert.Equal(request.GetType(), decoded.GetType());
            Assert.Equal(grain, decoded.TargetGrain);
            Assert.Equal(request.SendingGrain, decoded.SendingGrain);
            Assert.Equal(x.forward, decoded.ForwardCount);
            Assert.Equal(x.flags, decoded.Flags);
            Assert.Equal(0, decoded.ExpiryTimestamp);
            Assert.Equal(x.a, Arg(decoded, 0));
            Assert.Equal(x.b, Arg(decoded, 1));
            Assert.Equal(x.c, Arg(decoded, 2));
            Assert.Equal(x.d, (byte[])Arg(decoded, 3)!);
            Assert.Equal(grain, Arg(decoded, 4));
            Assert.Equal(silo, Arg(decoded, 5));
            Assert.Equal(x.g, Arg(decoded, 6));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Request_RoundTripsRecordArguments()
    {
        var payload = new Payload("n", [1, 2, 3], new Dictionary<string, long> { ["x"] = long.MaxValue }, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddDays(3));
        var request = NewRequest(nameof(IRemoteTestGrain.EchoPayload));
        SetArgs(request, payload);
        request.TargetGrain = GrainId.Create("remotetest", "a");

        var decoded = (Payload)Arg(Codec.DecodeRequest(Codec.EncodeRequest(request)), 0)!;

        Assert.Equal(payload.Name, decoded.Name);
        Assert.Equal(payload.Values, decoded.Values);
        Assert.Equal(payload.Extra, decoded.Extra);
        Assert.Equal(payload.Id, decoded.Id);
        Assert.Equal(payload.At, decoded.At);
    }

    [Fact]
    public void Request_CarriesRemainingTimeToLiveNotAClock()
    {
        var request = NewRequest(nameof(IRemoteTestGrain.Get));
        request.TargetGrain = GrainId.Create("remotetest", "a");
        request.ExpiryTimestamp = TimeProvider.System.GetTimestamp() + (TimeProvider.System.TimestampFrequency * 10);

        var decoded = Codec.DecodeRequest(Codec.EncodeRequest(request));

        var remaining = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), decoded.ExpiryTimestamp);
        Assert.InRange(remaining, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10.5));
    }

    [Fact]
    public void Request_OneWayFlagTravels()
    {
        var request = NewRequest(nameof(IRemoteTestGrain.Fire));
        SetArgs(request, "x");
        request.TargetGrain = GrainId.Create("remotetest", "a");

        var decoded = Codec.DecodeRequest(Codec.EncodeRequest(request));

        Assert.True(decoded.IsOneWay);
        Assert.Equal(MessageDirection.OneWay, decoded.Direction);
    }

    [Fact]
    public void ReminderTick_IsABuiltInRemoteCall()
    {
        var codec = new GrainCallCodec([]);
        var status = new TickStatus(DateTime.UnixEpoch, TimeSpan.FromMinutes(1), DateTime.UnixEpoch.AddMinutes(3));
        var tick = new GrainCallCodec(Interfaces).DecodeRequest(EncodedReminderTick(codec, "beat", status));

        Assert.Equal("Hemi.Grains.Runtime.IRemindable", tick.InterfaceName);
        Assert.Equal(nameof(IRemindable.ReceiveReminder), tick.MethodName);
        Assert.Equal(GrainId.Create("remindable", "r"), tick.TargetGrain);
    }

    private static byte[] EncodedReminderTick(GrainCallCodec codec, string name, TickStatus status)
    {
        // Built by hand from the documented layout: the request class itself is internal to the runtime.
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(new byte[] { GrainCallCodec.Version, 0, 0, 0, 0, 0, 0, 0 });
        foreach (var text in new[] { "remindable/r", "", "Hemi.Grains.Runtime.IRemindable" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            buffer.Write(new byte[] { (byte)bytes.Length, (byte)(bytes.Length >> 8) });
            buffer.Write<byte>(bytes);
        }

        buffer.Write(new byte[4]);
        string json = $"[{System.Text.Json.JsonSerializer.Serialize(name, codec.SerializerOptions)},{System.Text.Json.JsonSerializer.Serialize(status, codec.SerializerOptions)}]";
        buffer.Write<byte>(System.Text.Encoding.UTF8.GetBytes(json));
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Encode_GenericMethodIsLocalOnly()
    {
        Assert.Null(Enumerable.Range(0, 64).Select(RemoteInterface.Invoker.CreateRequest).FirstOrDefault(r => r?.MethodName == nameof(IRemoteTestGrain.Generic)));
    }

    [Fact]
    public void Decode_RejectsUnknownInterfaceAndMethod()
    {
        var request = NewRequest(nameof(IRemoteTestGrain.Get));
        request.TargetGrain = GrainId.Create("remotetest", "a");
        var bytes = Codec.EncodeRequest(request);

        var other = new GrainCallCodec(Interfaces.Where(i => i.InterfaceType != typeof(IRemoteTestGrain)));
        Assert.Equal(GrainCallRejection.UnknownInterface, Assert.Throws<GrainCallRejectedException>(() => other.DecodeRequest(bytes)).Rejection);

        // The method id sits right before the (empty) argument array "[]".
        var unknownMethod = (byte[])bytes.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(unknownMethod.AsSpan(unknownMethod.Length - 6), 9999);
        Assert.Equal(GrainCallRejection.UnknownMethod, Assert.Throws<GrainCallRejectedException>(() => Codec.DecodeRequest(unknownMethod)).Rejection);
    }

    [Fact]
    public void Decode_RejectsEveryTruncation()
    {
        var request = NewRequest(nameof(IRemoteTestGrain.Add));
        SetArgs(request, 1, 2);
        request.TargetGrain = GrainId.Create("remotetest", "a");
        var bytes = Codec.EncodeRequest(request);

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<GrainCallFormatException>(() => Codec.DecodeRequest(bytes.AsSpan(0, length)));
        }

        Assert.Throws<GrainCallFormatException>(() => Codec.DecodeRequest([.. bytes, (byte)'1']));
    }

    [Fact]
    public void Decode_RejectsWrongArgumentShapes()
    {
        var request = NewRequest(nameof(IRemoteTestGrain.Add));
        SetArgs(request, 1, 2);
        request.TargetGrain = GrainId.Create("remotetest", "a");
        var bytes = Codec.EncodeRequest(request);
        var header = bytes.AsSpan(0, bytes.Length - "[1,2]".Length).ToArray();

        foreach (var args in new[] { "[1]", "[1,2,3]", "{}", "[\"a\",2]", "[1,2", "[1,99999999999]", "", "[null,2]" })
        {
            Assert.Throws<GrainCallFormatException>(() => Codec.DecodeRequest([.. header, .. System.Text.Encoding.UTF8.GetBytes(args)]));
        }
    }

    [Fact]
    public void Decode_OversizedLengthIsRejectedBeforeReading()
    {
        // version, flags, forward count, ttl, then a target id claiming 65535 bytes with only a few present.
        byte[] bytes = [GrainCallCodec.Version, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, (byte)'a'];
        Assert.Throws<GrainCallFormatException>(() => Codec.DecodeRequest(bytes));
    }

    [Fact]
    public void Decode_GarbageGivesOnlyTypedExceptions()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            byte[] withVersion = bytes.Length > 0 ? [GrainCallCodec.Version, .. bytes] : bytes;
            foreach (var input in new[] { bytes, withVersion })
            {
                try
                {
                    Codec.DecodeRequest(input);
                }
                catch (Exception e) when (e is GrainCallFormatException or GrainCallRejectedException)
                {
                }

                Assert.False(Codec.TryDecodeResult<Payload>(input, out _, out var error) && input.Length < 2);
                if (error is not null)
                {
                    Assert.True(error is not IndexOutOfRangeException and not NullReferenceException, error.ToString());
                }

                Codec.TryDecodeVoidResult(input, out _);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Result_RoundTripsByStaticType()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), Text.Select(s => (string?)s).ToArbitrary(), (a, b) =>
        {
            var bytes = Codec.EncodeResult<(int, string?)>((a, b));
            Assert.True(Codec.TryDecodeResult<(int, string?)>(bytes, out var result, out var error), error?.ToString());
            Assert.Equal((a, b), result);
        }).QuickCheckThrowOnFailure();

        Assert.True(Codec.TryDecodeVoidResult(Codec.EncodeVoidResult(), out _));
        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeResult(1), out var voidError));
        Assert.IsType<GrainCallFormatException>(voidError);
    }

    [Fact]
    public void Exception_LoadableTypeIsRecreatedWithMessageAndRemoteStack()
    {
        Exception thrown;
        try
        {
            throw new CustomRemoteException("boom");
        }
        catch (Exception e)
        {
            thrown = e;
        }

        Assert.False(Codec.TryDecodeResult<int>(Codec.EncodeException(thrown), out _, out var error));
        var recreated = Assert.IsType<CustomRemoteException>(error);
        Assert.Equal("boom", recreated.Message);
        Assert.Contains(nameof(Exception_LoadableTypeIsRecreatedWithMessageAndRemoteStack), recreated.StackTrace);

        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeException(new ArgumentNullException(null, "no value")), out var argError));
        Assert.Equal("no value", Assert.IsType<ArgumentNullException>(argError).Message);
    }

    [Fact]
    public void Exception_UnknownTypeBecomesRemoteGrainException()
    {
        var unknown = new RemoteGrainException("Some.Missing.FancyException", "lost", "at Somewhere()");
        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeException(unknown), out var error));
        var remote = Assert.IsType<RemoteGrainException>(error);
        Assert.Equal("Some.Missing.FancyException", remote.RemoteTypeName);
        Assert.Equal("lost", remote.Message);
        Assert.Equal("at Somewhere()", remote.RemoteStackTrace);

        // A loadable type without a (string) constructor cannot be re-created either.
        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeException(new NoMessageConstructorException()), out var noCtor));
        Assert.Equal(typeof(NoMessageConstructorException).FullName, Assert.IsType<RemoteGrainException>(noCtor).RemoteTypeName);
    }

    [Fact]
    public void Rejection_MapsToTypedExceptions()
    {
        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeRejection(GrainCallRejection.UnknownMethod, "m"), out var unknown));
        Assert.Equal(GrainCallRejection.UnknownMethod, Assert.IsType<GrainCallRejectedException>(unknown).Rejection);
        Assert.False(Codec.TryDecodeVoidResult(Codec.EncodeRejection(GrainCallRejection.Transient, "t"), out var transient));
        Assert.IsType<SiloUnavailableException>(transient);
    }

    [Fact]
    public async Task GrainReferenceArgument_BecomesLiveProxy()
    {
        await using var silo = await TestInfrastructure.TestSilo.StartAsync();
        var codec = new GrainCallCodec(Interfaces, silo.GrainFactory);
        var target = silo.GrainFactory.GetGrain<IRemoteTestGrain>("other");
        var request = NewRequest(nameof(IRemoteTestGrain.CallOther));
        SetArgs(request, target, "v");
        request.TargetGrain = GrainId.Create("remotetest", "a");

        var decoded = Arg(codec.DecodeRequest(codec.EncodeRequest(request)), 0);

        var proxy = Assert.IsAssignableFrom<IRemoteTestGrain>(decoded);
        Assert.Equal(((GrainReference)(object)target).GrainId, ((GrainReference)proxy).GrainId);
        Assert.Equal(5, await proxy.Add(2, 3));
        // Without a grain factory the codec refuses to invent references.
        Assert.Throws<GrainCallFormatException>(() => Codec.DecodeRequest(codec.EncodeRequest(request)));
    }

    public sealed class NoMessageConstructorException : Exception
    {
        public NoMessageConstructorException()
            : base("fixed")
        {
        }
    }
}
