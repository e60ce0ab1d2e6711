using System.Buffers.Binary;
using System.Text;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>Bounds-checked little-endian reads over an encoded grain call; every overrun is a <see cref="GrainCallFormatException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> source)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly ReadOnlySpan<byte> Remaining => _source[_position..];

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>A u16-length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString16(int maxBytes, string what) => Decode(Take(CheckLength(ReadUInt16(), maxBytes, what)), what);

    /// <summary>A u32-length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public string ReadString32(int maxBytes, string what) => Decode(Take(CheckLength(ReadUInt32(), maxBytes, what)), what);

    private static int CheckLength(uint length, int maxBytes, string what)
        => length <= (uint)maxBytes ? (int)length : throw new GrainCallFormatException($"The {what} has {length} bytes; at most {maxBytes} are allowed.");

    private static string Decode(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new GrainCallFormatException($"The {what} is not valid UTF-8.", e);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_source.Length - _position < count)
        {
            throw new GrainCallFormatException($"Truncated grain call: {count} more bytes needed at offset {_position} of {_source.Length}.");
        }

        var slice = _source.Slice(_position, count);
        _position += count;
        return slice;
    }
}
