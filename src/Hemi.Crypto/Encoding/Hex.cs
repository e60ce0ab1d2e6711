namespace Hemi.Crypto;

/// <summary>Lowercase hexadecimal encoding with an optional <c>0x</c> prefix on input.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as lowercase hex without a prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    /// <summary>Encodes bytes as lowercase hex with a <c>0x</c> prefix.</summary>
    public static string EncodePrefixed(ReadOnlySpan<byte> data) => string.Concat("0x", Convert.ToHexStringLower(data));

    /// <summary>Decodes hex (either case, optional <c>0x</c>/<c>0X</c> prefix).</summary>
    /// <exception cref="FormatException">Odd length or a non-hex character.</exception>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        hex = StripPrefix(hex);
        if ((hex.Length & 1) != 0)
        {
            throw new FormatException($"Hex string has odd length {hex.Length}.");
        }

        var bytes = new byte[hex.Length / 2];
        var bad = DecodeInto(hex, bytes);
        if (bad >= 0)
        {
            throw new FormatException($"Invalid hex character at position {bad}.");
        }

        return bytes;
    }

    /// <summary>Decodes hex without throwing; returns <see langword="false"/> on odd length or a bad character.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        hex = StripPrefix(hex);
        if ((hex.Length & 1) != 0)
        {
            bytes = [];
            return false;
        }

        var buffer = new byte[hex.Length / 2];
        if (DecodeInto(hex, buffer) >= 0)
        {
            bytes = [];
            return false;
        }

        bytes = buffer;
        return true;
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;

    // Returns the index of the first bad character, or -1 on success.
    private static int DecodeInto(ReadOnlySpan<char> hex, Span<byte> dest)
    {
        for (var i = 0; i < dest.Length; i++)
        {
            var hi = Nibble(hex[2 * i]);
            if (hi < 0)
            {
                return 2 * i;
            }

            var lo = Nibble(hex[(2 * i) + 1]);
            if (lo < 0)
            {
                return (2 * i) + 1;
            }

            dest[i] = (byte)((hi << 4) | lo);
        }

        return -1;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
