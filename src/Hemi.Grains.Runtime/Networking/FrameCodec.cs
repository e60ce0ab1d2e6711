using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// Encodes and decodes frames. Layout (little-endian): a fixed 20-byte prefix
/// <c>kind:u8 | flags:u8 | reserved:u16 (0) | correlationId:i64 | headerLength:i32 | bodyLength:i32</c>,
/// then <c>headerLength</c> bytes of header section (the request context, see <see cref="RequestContextCodec"/>),
/// then <c>bodyLength</c> bytes of body. Both lengths are checked against <see cref="FrameLimits"/> from the prefix
/// alone, before anything is buffered beyond it.
/// </summary>
public static class FrameCodec
{
    /// <summary>Size of the fixed prefix.</summary>
    public const int PrefixLength = 20;

    /// <summary>Appends the encoded frame to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, Frame frame, FrameLimits limits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frame);
        if (!Enum.IsDefined(frame.Kind))
        {
            throw new ArgumentException($"Unknown frame kind {frame.Kind}.", nameof(frame));
        }

        if ((frame.Flags & ~FrameFlags.All) != 0)
        {
            throw new ArgumentException($"Unknown frame flags {frame.Flags}.", nameof(frame));
        }

        int headerLength = RequestContextCodec.GetEncodedLength(frame.RequestContext);
        if (headerLength > limits.MaxHeaderLength)
        {
            throw new ArgumentException($"The request context needs {headerLength} bytes; the limit is {limits.MaxHeaderLength}.", nameof(frame));
        }

        if (frame.Body.Length > limits.MaxBodyLength)
        {
            throw new ArgumentException($"The body has {frame.Body.Length} bytes; the limit is {limits.MaxBodyLength}.", nameof(frame));
        }

        var prefix = writer.GetSpan(PrefixLength);
        prefix[0] = (byte)frame.Kind;
        prefix[1] = (byte)frame.Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[2..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(prefix[4..], frame.CorrelationId);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[12..], headerLength);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[16..], frame.Body.Length);
        writer.Advance(PrefixLength);

        if (headerLength > 0)
        {
            var header = writer.GetSpan(headerLength);
            RequestContextCodec.Write(header[..headerLength], frame.RequestContext);
            writer.Advance(headerLength);
        }

        if (!frame.Body.IsEmpty)
        {
            writer.Write(frame.Body.Span);
        }
    }

    /// <summary>Encodes one frame into a new array.</summary>
    public static byte[] Encode(Frame frame, FrameLimits limits)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, frame, limits);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads one complete frame from the start of <paramref name="buffer"/> and slices it off; false (buffer untouched)
    /// when more bytes are needed. Throws <see cref="ConnectionFramingException"/> as soon as the prefix is invalid.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, FrameLimits limits, [NotNullWhen(true)] out Frame? frame)
    {
        frame = null;
        if (buffer.Length < PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        buffer.Slice(0, PrefixLength).CopyTo(prefix);
        var (kind, flags, correlationId, headerLength, bodyLength) = ParsePrefix(prefix, limits);

        long total = (long)PrefixLength + headerLength + bodyLength;
        if (buffer.Length < total)
        {
            return false;
        }

        IReadOnlyDictionary<string, object?>? context = null;
        if (headerLength > 0)
        {
            var headerSlice = buffer.Slice(PrefixLength, headerLength);
            context = headerSlice.IsSingleSegment
                ? RequestContextCodec.Read(headerSlice.FirstSpan)
                : RequestContextCodec.Read(headerSlice.ToArray());
        }

        byte[] body = bodyLength == 0 ? [] : buffer.Slice(PrefixLength + headerLength, bodyLength).ToArray();
        frame = new Frame(kind, correlationId, body, context, flags);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Decodes exactly one frame; truncated input or trailing bytes are a <see cref="ConnectionFramingException"/>.</summary>
    public static Frame Decode(ReadOnlySpan<byte> bytes, FrameLimits limits)
    {
        var sequence = new ReadOnlySequence<byte>(bytes.ToArray());
        if (!TryRead(ref sequence, limits, out var frame))
        {
            throw new ConnectionFramingException($"Truncated frame: {bytes.Length} bytes.");
        }

        if (!sequence.IsEmpty)
        {
            throw new ConnectionFramingException($"{sequence.Length} bytes follow the frame.");
        }

        return frame;
    }

    private static (FrameKind Kind, FrameFlags Flags, long CorrelationId, int HeaderLength, int BodyLength) ParsePrefix(ReadOnlySpan<byte> prefix, FrameLimits limits)
    {
        var kind = (FrameKind)prefix[0];
        if (!Enum.IsDefined(kind))
        {
            throw new ConnectionFramingException($"Unknown frame kind {prefix[0]}.");
        }

        var flags = (FrameFlags)prefix[1];
        if ((flags & ~FrameFlags.All) != 0)
        {
            throw new ConnectionFramingException($"Unknown frame flags 0x{prefix[1]:x2}.");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(prefix[2..]) != 0)
        {
            throw new ConnectionFramingException("Reserved frame bits are set.");
        }

        long correlationId = BinaryPrimitives.ReadInt64LittleEndian(prefix[4..]);
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[12..]);
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[16..]);
        if (headerLength < 0 || headerLength > limits.MaxHeaderLength)
        {
            throw new ConnectionFramingException($"Header length {headerLength} is outside 0..{limits.MaxHeaderLength}.");
        }

        if (bodyLength < 0 || bodyLength > limits.MaxBodyLength)
        {
            throw new ConnectionFramingException($"Body length {bodyLength} is outside 0..{limits.MaxBodyLength}.");
        }

        return (kind, flags, correlationId, headerLength, bodyLength);
    }
}
