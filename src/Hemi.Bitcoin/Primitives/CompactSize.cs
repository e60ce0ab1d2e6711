using System.Buffers.Binary;

namespace Hemi.Bitcoin;

/// <summary>
/// Bitcoin's variable-length integer ("CompactSize"): one byte below 0xfd, else a 0xfd/0xfe/0xff marker and a
/// 2/4/8-byte little-endian value. Decoding insists on the shortest encoding, as Bitcoin Core does.
/// </summary>
public static class CompactSize
{
    /// <summary>Bitcoin Core's MAX_SIZE: the largest length or count a CompactSize may carry by default.</summary>
    public const ulong MaxSize = 0x02000000;

    /// <summary>Number of bytes needed to encode <paramref name="value"/>.</summary>
    public static int GetSize(ulong value) => value switch
    {
        < 0xfd => 1,
        <= 0xffff => 3,
        <= 0xffff_ffff => 5,
        _ => 9,
    };

    /// <summary>Writes the encoding of <paramref name="value"/> to the start of <paramref name="dest"/>, returning the length.</summary>
    public static int Write(Span<byte> dest, ulong value)
    {
        switch (value)
        {
            case < 0xfd:
                dest[0] = (byte)value;
                return 1;
            case <= 0xffff:
                dest[0] = 0xfd;
                BinaryPrimitives.WriteUInt16LittleEndian(dest[1..], (ushort)value);
                return 3;
            case <= 0xffff_ffff:
                dest[0] = 0xfe;
                BinaryPrimitives.WriteUInt32LittleEndian(dest[1..], (uint)value);
                return 5;
            default:
                dest[0] = 0xff;
                BinaryPrimitives.WriteUInt64LittleEndian(dest[1..], value);
                return 9;
        }
    }

    /// <summary>
    /// Decodes a CompactSize at the start of <paramref name="source"/>. Rejects truncation, non-canonical encodings and
    /// values above <paramref name="max"/>.
    /// </summary>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead, ulong max = MaxSize)
    {
        if (source.IsEmpty)
        {
            throw new BitcoinFormatException("Truncated CompactSize.");
        }

        ulong value;
        var first = source[0];
        switch (first)
        {
            case < 0xfd:
                value = first;
                bytesRead = 1;
                break;
            case 0xfd:
                if (source.Length < 3)
                {
                    throw new BitcoinFormatException("Truncated CompactSize.");
                }

                value = BinaryPrimitives.ReadUInt16LittleEndian(source[1..]);
                bytesRead = 3;
                if (value < 0xfd)
                {
                    throw new BitcoinFormatException("Non-canonical CompactSize.");
                }

                break;
            case 0xfe:
                if (source.Length < 5)
                {
                    throw new BitcoinFormatException("Truncated CompactSize.");
                }

                value = BinaryPrimitives.ReadUInt32LittleEndian(source[1..]);
                bytesRead = 5;
                if (value <= 0xffff)
                {
                    throw new BitcoinFormatException("Non-canonical CompactSize.");
                }

                break;
            default:
                if (source.Length < 9)
                {
                    throw new BitcoinFormatException("Truncated CompactSize.");
                }

                value = BinaryPrimitives.ReadUInt64LittleEndian(source[1..]);
                bytesRead = 9;
                if (value <= 0xffff_ffff)
                {
                    throw new BitcoinFormatException("Non-canonical CompactSize.");
                }

                break;
        }

        if (value > max)
        {
            throw new BitcoinFormatException($"CompactSize {value} exceeds the limit {max}.");
        }

        return value;
    }
}
