using System.Numerics;

namespace Hemi.Ethereum.Abi;

/// <summary>Conversions from the accepted .NET values to what the encoders write, with range checks.</summary>
internal static class AbiValues
{
    /// <summary>UTF-8 that throws on lone surrogates (encoding) and malformed sequences (decoding) instead of substituting.</summary>
    public static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static AbiException Mismatch(AbiType type, object? value, string expected) =>
        new($"A {type.CanonicalName} value must be {expected}; got {(value is null ? "null" : value.GetType().Name)}.");

    public static BigInteger ToInteger(object? value, AbiType type) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        Int128 i128 => (BigInteger)i128,
        UInt128 u128 => (BigInteger)u128,
        decimal d when type is FixedPointType fixedPoint => Scale(d, fixedPoint),
        decimal d when decimal.Truncate(d) == d => new BigInteger(d),
        string text => ParseIntegerText(text, type),
        _ => throw Mismatch(type, value, "an integer (BigInteger, a .NET integer type, or decimal/0x-hex text)"),
    };

    // Text such as JSON test data carries: decimal, or 0x-hex, either with an optional leading '-'.
    private static BigInteger ParseIntegerText(string text, AbiType type)
    {
        var span = text.AsSpan().Trim();
        var negative = span.StartsWith("-");
        if (negative)
        {
            span = span[1..];
        }

        // 80 hex / 100 decimal digits is well beyond 256 bits; longer text is rejected before any big parse.
        BigInteger magnitude;
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = span[2..];
            if (digits.IsEmpty || digits.Length > 80
                || !BigInteger.TryParse(string.Concat("0", digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out magnitude))
            {
                throw new AbiException($"'{text}' is not an integer for {type.CanonicalName}.");
            }
        }
        else if (span.IsEmpty || span.Length > 100 || span.ContainsAnyExceptInRange('0', '9')
                 || !BigInteger.TryParse(span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out magnitude))
        {
            throw new AbiException($"'{text}' is not an integer for {type.CanonicalName}.");
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>The integer to encode for a numeric type, range-checked against its width.</summary>
    public static BigInteger ToCheckedInteger(object? value, AbiType type)
    {
        var (signed, bits) = type switch
        {
            UIntType u => (false, u.Bits),
            IntType i => (true, i.Bits),
            FixedPointType f => (f.Signed, f.Bits),
            _ => throw new InvalidOperationException("Not a numeric type."),
        };
        var integer = ToInteger(value, type);

        // GetBitLength counts magnitude bits of the shortest two's complement form, excluding the sign bit.
        var fits = signed ? integer.GetBitLength() <= bits - 1 : integer.Sign >= 0 && integer.GetBitLength() <= bits;
        if (!fits)
        {
            throw new AbiException($"Value {integer} does not fit {type.CanonicalName}.");
        }

        return integer;
    }

    public static Address ToAddress(object? value, AbiType type)
    {
        switch (value)
        {
            case Address address:
                return address;
            case byte[] { Length: Address.Length } bytes:
                return new Address(bytes);
            case string text:
                if (Address.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                throw new AbiException($"'{text}' is not a 20-byte hex address.");
            default:
                throw Mismatch(type, value, "an Address, a 20-byte array or a hex string");
        }
    }

    public static bool ToBool(object? value, AbiType type) =>
        value is bool b ? b : throw Mismatch(type, value, "a bool");

    public static ReadOnlyMemory<byte> ToBytes(object? value, AbiType type) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory,
        Memory<byte> memory => memory,
        ArraySegment<byte> segment => segment,
        Hash32 hash => hash.ToBytes(),
        _ => throw Mismatch(type, value, "a byte[]"),
    };

    /// <summary>bytesN / function contents, which must have exactly the declared length.</summary>
    public static ReadOnlyMemory<byte> ToFixedBytes(object? value, AbiType type, int size)
    {
        var bytes = ToBytes(value, type);
        if (bytes.Length != size)
        {
            throw new AbiException($"A {type.CanonicalName} value must be exactly {size} bytes; got {bytes.Length}.");
        }

        return bytes;
    }

    public static string ToText(object? value, AbiType type) =>
        value as string ?? throw Mismatch(type, value, "a string");

    /// <summary>UTF-8 length of a string value, without materialising the bytes.</summary>
    public static int Utf8Length(object? value, AbiType type)
    {
        try
        {
            return StrictUtf8.GetByteCount(ToText(value, type));
        }
        catch (System.Text.EncoderFallbackException ex)
        {
            throw new AbiException("A string value contains an unpaired surrogate and cannot be encoded as UTF-8.", ex);
        }
    }

    /// <summary>Writes a string value as UTF-8 into <paramref name="destination"/> (sized by <see cref="Utf8Length"/>).</summary>
    public static int WriteUtf8(object? value, AbiType type, Span<byte> destination)
    {
        try
        {
            return StrictUtf8.GetBytes(ToText(value, type), destination);
        }
        catch (System.Text.EncoderFallbackException ex)
        {
            throw new AbiException("A string value contains an unpaired surrogate and cannot be encoded as UTF-8.", ex);
        }
    }

    /// <summary>The UTF-8 bytes of a string value; text with unpaired surrogates has no UTF-8 form and is rejected.</summary>
    public static byte[] ToUtf8(object? value, AbiType type)
    {
        try
        {
            return StrictUtf8.GetBytes(ToText(value, type));
        }
        catch (System.Text.EncoderFallbackException ex)
        {
            throw new AbiException("A string value contains an unpaired surrogate and cannot be encoded as UTF-8.", ex);
        }
    }

    private static BigInteger Scale(decimal value, FixedPointType type)
    {
        // decimal has at most 28 fractional digits; scaling by 10^N must leave no remainder.
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        if (scale > type.Decimals)
        {
            var divisor = BigInteger.Pow(10, scale - type.Decimals);
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw new AbiException($"{value} has more than {type.Decimals} decimals for {type.CanonicalName}.");
            }

            return quotient;
        }

        return mantissa * BigInteger.Pow(10, type.Decimals - scale);
    }
}
