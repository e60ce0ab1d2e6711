namespace Hemi.Bitcoin.Addresses;

/// <summary>Bitcoin's Base58 alphabet encoding (no checksum); leading zero bytes map to leading '1's.</summary>
public static class Base58
{
    /// <summary>Longest string <see cref="Decode(string)"/> accepts by default; decoding is quadratic, so bound it.</summary>
    public const int DefaultMaxStringLength = 1024;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] DigitOf = BuildDigitTable();

    /// <summary>Encodes bytes as Base58.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        int zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256)/log(58) ≈ 1.366, so this many base-58 digits always suffice.
        int size = ((data.Length - zeros) * 138 / 100) + 1;
        Span<byte> digits = size <= 512 ? stackalloc byte[size] : new byte[size];
        digits.Clear();
        int length = 0;
        for (int i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            int j = 0;
            for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        int start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }

        return string.Create(zeros + (size - start), (zeros, start, size, digits: digits.ToArray()), static (chars, state) =>
        {
            chars[..state.zeros].Fill('1');
            for (int i = state.start, c = state.zeros; i < state.size; i++, c++)
            {
                chars[c] = Alphabet[state.digits[i]];
            }
        });
    }

    /// <summary>Decodes a Base58 string; throws <see cref="AddressFormatException"/> on a bad character or an over-long string.</summary>
    public static byte[] Decode(string text) => Decode(text, DefaultMaxStringLength);

    /// <summary>Decodes a Base58 string no longer than <paramref name="maxStringLength"/> characters.</summary>
    public static byte[] Decode(string text, int maxStringLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxStringLength)
        {
            throw new AddressFormatException(AddressError.ExceedsLengthLimit, $"Base58 string longer than {maxStringLength} characters.");
        }

        int zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        // log(58)/log(256) ≈ 0.733.
        int size = ((text.Length - zeros) * 733 / 1000) + 1;
        Span<byte> bytes = size <= 1024 ? stackalloc byte[size] : new byte[size];
        bytes.Clear();
        int length = 0;
        for (int i = zeros; i < text.Length; i++)
        {
            char ch = text[i];
            int digit = ch < 128 ? DigitOf[ch] : -1;
            if (digit < 0)
            {
                throw new AddressFormatException(AddressError.InvalidCharacter, $"Invalid Base58 character at position {i}.");
            }

            int carry = digit;
            int j = 0;
            for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)carry;
                carry >>= 8;
            }

            length = j;
        }

        int start = size - length;
        while (start < size && bytes[start] == 0)
        {
            start++;
        }

        var result = new byte[zeros + (size - start)];
        bytes[start..].CopyTo(result.AsSpan(zeros));
        return result;
    }

    private static sbyte[] BuildDigitTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
