using System.Globalization;
using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Silo.Rpc;

/// <summary>
/// Strict Ethereum JSON-RPC hex codecs: quantities are <c>0x</c> + minimal hex digits (<c>0x0</c> for zero, no leading
/// zeros), data is <c>0x</c> + an even number of hex digits; every length is bounded before anything is allocated.
/// </summary>
public static class RpcHex
{
    /// <summary>Digits of a uint256 quantity.</summary>
    public const int MaxQuantityDigits = 64;

    /// <summary>Parses a quantity that fits in 64 bits.</summary>
    /// <exception cref="RpcHexFormatException">Not a canonical quantity, or above 2^64−1.</exception>
    public static ulong ParseUInt64(string? text)
    {
        var digits = QuantityDigits(text, 16, "64 bits");
        return ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a quantity of at most 256 bits (non-negative).</summary>
    /// <exception cref="RpcHexFormatException">Not a canonical quantity, or above 2^256−1.</exception>
    public static BigInteger ParseUInt256(string? text)
    {
        var digits = QuantityDigits(text, MaxQuantityDigits, "256 bits");
        return BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses <c>0x</c>-prefixed data of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="RpcHexFormatException">No prefix, odd length, a non-hex digit, or too long.</exception>
    public static byte[] ParseData(string? text, int maxBytes)
    {
        var digits = Prefixed(text, "hex string");
        if (digits.Length % 2 != 0)
        {
            throw new RpcHexFormatException("hex string has odd length");
        }

        if (digits.Length / 2 > maxBytes)
        {
            throw new RpcHexFormatException($"hex string is longer than {maxBytes} bytes");
        }

        var bytes = new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new RpcHexFormatException("invalid hex string");
        }

        return bytes;
    }

    /// <summary>Parses exactly <paramref name="length"/> bytes of <c>0x</c>-prefixed hex.</summary>
    public static byte[] ParseFixed(string? text, int length, string what)
    {
        var digits = Prefixed(text, what);
        if (digits.Length != length * 2)
        {
            throw new RpcHexFormatException($"{what} must be {length} bytes ({length * 2} hex digits), got {digits.Length} hex digits");
        }

        var bytes = new byte[length];
        if (Convert.FromHexString(digits, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new RpcHexFormatException($"invalid hex in {what}");
        }

        return bytes;
    }

    public static Address ParseAddress(string? text) => new(ParseFixed(text, Address.Length, "address"));

    public static Hash32 ParseHash(string? text) => new(ParseFixed(text, Hash32.Length, "hash"));

    public static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Quantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Quantities are unsigned.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + hex;
    }

    public static string Data(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static ReadOnlySpan<char> QuantityDigits(string? text, int maxDigits, string bound)
    {
        var digits = Prefixed(text, "hex number");
        if (digits.IsEmpty)
        {
            throw new RpcHexFormatException("hex string \"0x\"");
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            throw new RpcHexFormatException("hex number with leading zero digits");
        }

        if (digits.Length > maxDigits)
        {
            throw new RpcHexFormatException($"hex number > {bound}");
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new RpcHexFormatException("invalid hex string");
            }
        }

        return digits;
    }

    private static ReadOnlySpan<char> Prefixed(string? text, string what)
    {
        if (text is null)
        {
            throw new RpcHexFormatException($"{what} is missing");
        }

        if (text.Length > 2 * (16 * 1024 * 1024))
        {
            throw new RpcHexFormatException($"{what} is too long");
        }

        if (text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            throw new RpcHexFormatException($"{what} without 0x prefix");
        }

        return text.AsSpan(2);
    }
}
