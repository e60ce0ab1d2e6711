namespace Hemi.Bitcoin.Addresses;

/// <summary>Bech32 (BIP173) and Bech32m (BIP350) encoding of a human-readable part and 5-bit words, plus 8↔5-bit regrouping.</summary>
public static class Bech32
{
    /// <summary>BIP173's length limit for a whole string (segwit addresses).</summary>
    public const int DefaultLimit = 90;

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;

    private static readonly sbyte[] ValueOf = BuildValueTable();

    /// <summary>Encodes words (each &lt; 32) under the prefix; the result is lower case.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> words, Bech32Encoding encoding, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        if (hrp.Length + 7 + words.Length > limit)
        {
            throw new AddressFormatException(AddressError.ExceedsLengthLimit, "Bech32 string would exceed the length limit.");
        }

        if (hrp.Length == 0)
        {
            throw new AddressFormatException(AddressError.MissingPrefix, "Bech32 prefix is empty.");
        }

        foreach (char c in hrp)
        {
            if (c < 33 || c > 126)
            {
                throw new AddressFormatException(AddressError.InvalidPrefix, "Bech32 prefix has a character outside 33..126.");
            }
        }

        foreach (byte w in words)
        {
            if (w >> 5 != 0)
            {
                throw new AddressFormatException(AddressError.InvalidWord, "Value is not a 5-bit word.");
            }
        }

        string lowerHrp = hrp.ToLowerInvariant();
        uint checksum = Polymod(lowerHrp, words, stackalloc byte[6] { 0, 0, 0, 0, 0, 0 }) ^ Constant(encoding);
        var chars = new char[lowerHrp.Length + 1 + words.Length + 6];
        lowerHrp.CopyTo(chars);
        chars[lowerHrp.Length] = '1';
        int pos = lowerHrp.Length + 1;
        foreach (byte w in words)
        {
            chars[pos++] = Charset[w];
        }

        for (int i = 0; i < 6; i++)
        {
            chars[pos++] = Charset[(int)((checksum >> (5 * (5 - i))) & 31)];
        }

        return new string(chars);
    }

    /// <summary>Decodes a string with either checksum variant, reporting which one matched.</summary>
    public static Bech32String Decode(string text, int limit = DefaultLimit) => DecodeCore(text, null, limit);

    /// <summary>Decodes a string that must carry the given checksum variant.</summary>
    public static Bech32String Decode(string text, Bech32Encoding encoding, int limit = DefaultLimit) => DecodeCore(text, encoding, limit);

    /// <summary>Regroups bytes into 5-bit words, zero-padding the last word.</summary>
    public static byte[] ToWords(ReadOnlySpan<byte> data)
    {
        var words = new byte[((data.Length * 8) + 4) / 5];
        int acc = 0, bits = 0, pos = 0;
        foreach (byte b in data)
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                words[pos++] = (byte)((acc >> bits) & 31);
            }
        }

        if (bits > 0)
        {
            words[pos] = (byte)((acc << (5 - bits)) & 31);
        }

        return words;
    }

    /// <summary>Regroups 5-bit words into bytes; rejects words ≥ 32, more than 4 padding bits, or non-zero padding.</summary>
    public static byte[] FromWords(ReadOnlySpan<byte> words)
    {
        var data = new byte[words.Length * 5 / 8];
        int acc = 0, bits = 0, pos = 0;
        foreach (byte w in words)
        {
            if (w >> 5 != 0)
            {
                throw new AddressFormatException(AddressError.InvalidWord, "Value is not a 5-bit word.");
            }

            acc = ((acc << 5) | w) & 0xfff;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                data[pos++] = (byte)(acc >> bits);
            }
        }

        if (bits >= 5)
        {
            throw new AddressFormatException(AddressError.ExcessPadding, "Excess padding in 5-bit words.");
        }

        if (((acc << (8 - bits)) & 0xff) != 0)
        {
            throw new AddressFormatException(AddressError.NonZeroPadding, "Non-zero padding in 5-bit words.");
        }

        return data;
    }

    private static Bech32String DecodeCore(string text, Bech32Encoding? expected, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 8)
        {
            throw new AddressFormatException(AddressError.TooShort, "Bech32 string too short.");
        }

        if (text.Length > limit)
        {
            throw new AddressFormatException(AddressError.ExceedsLengthLimit, "Bech32 string exceeds the length limit.");
        }

        bool hasLower = false, hasUpper = false;
        foreach (char c in text)
        {
            hasLower |= c is >= 'a' and <= 'z';
            hasUpper |= c is >= 'A' and <= 'Z';
        }

        if (hasLower && hasUpper)
        {
            throw new AddressFormatException(AddressError.MixedCase, "Bech32 string mixes upper and lower case.");
        }

        string lower = text.ToLowerInvariant();
        int separator = lower.LastIndexOf('1');
        if (separator < 0)
        {
            throw new AddressFormatException(AddressError.NoSeparator, "Bech32 string has no separator character.");
        }

        if (separator == 0)
        {
            throw new AddressFormatException(AddressError.MissingPrefix, "Bech32 string has an empty prefix.");
        }

        int dataLength = lower.Length - separator - 1;
        if (dataLength < 6)
        {
            throw new AddressFormatException(AddressError.DataTooShort, "Bech32 data part shorter than the checksum.");
        }

        string hrp = lower[..separator];
        foreach (char c in hrp)
        {
            if (c < 33 || c > 126)
            {
                throw new AddressFormatException(AddressError.InvalidPrefix, "Bech32 prefix has a character outside 33..126.");
            }
        }

        var values = new byte[dataLength];
        for (int i = 0; i < dataLength; i++)
        {
            char c = lower[separator + 1 + i];
            int v = c < 128 ? ValueOf[c] : -1;
            if (v < 0)
            {
                throw new AddressFormatException(AddressError.InvalidCharacter, $"Unknown Bech32 character at position {separator + 1 + i}.");
            }

            values[i] = (byte)v;
        }

        uint residue = Polymod(hrp, values, default);
        Bech32Encoding encoding;
        if (residue == Bech32Constant)
        {
            encoding = Bech32Encoding.Bech32;
        }
        else if (residue == Bech32mConstant)
        {
            encoding = Bech32Encoding.Bech32m;
        }
        else
        {
            throw new AddressFormatException(AddressError.InvalidChecksum, "Invalid Bech32 checksum.");
        }

        if (expected is { } want && want != encoding)
        {
            throw new AddressFormatException(AddressError.InvalidChecksum, $"Invalid {want} checksum.");
        }

        return new Bech32String(hrp, values[..^6], encoding);
    }

    private static uint Constant(Bech32Encoding encoding) => encoding switch
    {
        Bech32Encoding.Bech32 => Bech32Constant,
        Bech32Encoding.Bech32m => Bech32mConstant,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    private static uint Polymod(string hrp, ReadOnlySpan<byte> values, ReadOnlySpan<byte> tail)
    {
        uint chk = 1;
        foreach (char c in hrp)
        {
            chk = Step(chk) ^ (uint)(c >> 5);
        }

        chk = Step(chk);
        foreach (char c in hrp)
        {
            chk = Step(chk) ^ (uint)(c & 31);
        }

        foreach (byte v in values)
        {
            chk = Step(chk) ^ v;
        }

        foreach (byte v in tail)
        {
            chk = Step(chk) ^ v;
        }

        return chk;
    }

    private static uint Step(uint chk)
    {
        uint top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }

    private static sbyte[] BuildValueTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (int i = 0; i < Charset.Length; i++)
        {
            table[Charset[i]] = (sbyte)i;
        }

        return table;
    }
}
