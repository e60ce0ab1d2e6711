namespace Hemi.Bitcoin.Scripts;

/// <summary>Bitcoin's script number encoding (CScriptNum): little-endian magnitude with a sign bit in the last byte.</summary>
public static class ScriptNum
{
    /// <summary>Encodes a number minimally (0 encodes as an empty array).</summary>
    public static byte[] Encode(long value)
    {
        if (value == 0)
        {
            return [];
        }

        bool negative = value < 0;
        ulong magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        Span<byte> buffer = stackalloc byte[9];
        int length = 0;
        while (magnitude != 0)
        {
            buffer[length++] = (byte)(magnitude & 0xff);
            magnitude >>= 8;
        }

        // The top bit of the last byte is the sign; add a byte when the magnitude already uses it.
        if ((buffer[length - 1] & 0x80) != 0)
        {
            buffer[length++] = negative ? (byte)0x80 : (byte)0;
        }
        else if (negative)
        {
            buffer[length - 1] |= 0x80;
        }

        return buffer[..length].ToArray();
    }

    /// <summary>
    /// Decodes a script number of at most <paramref name="maxSize"/> bytes; with <paramref name="requireMinimal"/> rejects
    /// encodings with superfluous trailing zero bytes, as Bitcoin Core does under MINIMALDATA.
    /// </summary>
    public static long Decode(ReadOnlySpan<byte> data, bool requireMinimal = true, int maxSize = 4)
    {
        if (!TryDecode(data, requireMinimal, maxSize, out long value))
        {
            throw new BitcoinFormatException(data.Length > maxSize ? "Script number overflow." : "Script number is not minimally encoded.");
        }

        return value;
    }

    /// <summary>Non-throwing form of <see cref="Decode"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, bool requireMinimal, int maxSize, out long value)
    {
        value = 0;
        if (data.Length > maxSize || data.Length > 8)
        {
            return false;
        }

        if (requireMinimal && !IsMinimallyEncoded(data))
        {
            return false;
        }

        if (data.IsEmpty)
        {
            return true;
        }

        ulong magnitude = 0;
        for (int i = 0; i < data.Length; i++)
        {
            magnitude |= (ulong)data[i] << (8 * i);
        }

        ulong signBit = 0x80UL << (8 * (data.Length - 1));
        if ((magnitude & signBit) != 0)
        {
            value = -(long)(magnitude & ~signBit);
        }
        else
        {
            value = (long)magnitude;
        }

        return true;
    }

    /// <summary>True when the encoding has no superfluous most-significant byte (Bitcoin Core's MINIMALDATA number rule).</summary>
    public static bool IsMinimallyEncoded(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return true;
        }

        // The last byte may only be 0x00/0x80 when the byte before it needs its top bit for magnitude.
        if ((data[^1] & 0x7f) == 0)
        {
            return data.Length > 1 && (data[^2] & 0x80) != 0;
        }

        return true;
    }
}
