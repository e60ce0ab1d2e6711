namespace Hemi.Ethereum.Primitives;

/// <summary>Strict hex parsing helpers shared by the fixed-size value types.</summary>
internal static class HexText
{
    /// <summary>Strips an optional <c>0x</c>/<c>0X</c> prefix.</summary>
    public static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> s) =>
        s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s[2..] : s;

    /// <summary>Decodes exactly <paramref name="destination"/>.Length bytes of hex; false on any bad character or length.</summary>
    public static bool TryDecodeExact(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Nibble(hex[2 * i]);
            var lo = Nibble(hex[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    /// <summary>Decodes hex of any even length (optional 0x prefix); throws <see cref="EthereumFormatException"/> when invalid.</summary>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = StripPrefix(hex.AsSpan());
        if (digits.Length % 2 != 0)
        {
            throw new EthereumFormatException("Hex string has an odd number of digits.");
        }

        var bytes = new byte[digits.Length / 2];
        if (!TryDecodeExact(digits, bytes))
        {
            throw new EthereumFormatException("Hex string contains a non-hex character.");
        }

        return bytes;
    }

    public static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    public static string ToPrefixedLower(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
