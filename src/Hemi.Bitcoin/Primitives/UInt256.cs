using System.Numerics;

namespace Hemi.Bitcoin;

/// <summary>
/// An unsigned 256-bit integer (two <see cref="UInt128"/> halves) for targets and chain work, so the header hot path
/// needs no <see cref="BigInteger"/> allocation. Arithmetic wraps modulo 2^256 like Bitcoin Core's arith_uint256.
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public static readonly UInt256 Zero;
    public static readonly UInt256 MaxValue = new(UInt128.MaxValue, UInt128.MaxValue);

    private static readonly BigInteger s_modulus = BigInteger.One << 256;

    public UInt256(UInt128 high, UInt128 low)
    {
        High = high;
        Low = low;
    }

    public UInt128 High { get; }

    public UInt128 Low { get; }

    public bool IsZero => High == UInt128.Zero && Low == UInt128.Zero;

    /// <summary>The hash read as a little-endian 256-bit number (how proof of work compares it with the target).</summary>
    public static UInt256 FromHash(in Hash256 hash) =>
        new(new UInt128(hash.Word(3), hash.Word(2)), new UInt128(hash.Word(1), hash.Word(0)));

    /// <summary>Converts a non-negative value below 2^256.</summary>
    public static UInt256 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= s_modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Value must be in [0, 2^256).");
        }

        var mask = (BigInteger.One << 128) - 1;
        return new UInt256((UInt128)(value >> 128), (UInt128)(value & mask));
    }

    public BigInteger ToBigInteger() => ((BigInteger)High << 128) | (BigInteger)Low;

    /// <summary>Number of significant bits (0 for zero).</summary>
    public int BitLength => High != UInt128.Zero
        ? 256 - (int)UInt128.LeadingZeroCount(High)
        : 128 - (int)UInt128.LeadingZeroCount(Low);

    public static UInt256 operator +(UInt256 a, UInt256 b)
    {
        var low = a.Low + b.Low;
        var carry = low < a.Low ? UInt128.One : UInt128.Zero;
        return new UInt256(a.High + b.High + carry, low);
    }

    public static UInt256 operator <<(UInt256 value, int shift)
    {
        if (shift <= 0)
        {
            return shift == 0 ? value : value >> -shift;
        }

        if (shift >= 256)
        {
            return Zero;
        }

        if (shift >= 128)
        {
            return new UInt256(value.Low << (shift - 128), UInt128.Zero);
        }

        return new UInt256((value.High << shift) | (value.Low >> (128 - shift)), value.Low << shift);
    }

    public static UInt256 operator >>(UInt256 value, int shift)
    {
        if (shift <= 0)
        {
            return shift == 0 ? value : value << -shift;
        }

        if (shift >= 256)
        {
            return Zero;
        }

        if (shift >= 128)
        {
            return new UInt256(UInt128.Zero, value.High >> (shift - 128));
        }

        return new UInt256(value.High >> shift, (value.Low >> shift) | (value.High << (128 - shift)));
    }

    public int CompareTo(UInt256 other)
    {
        var c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public bool Equals(UInt256 other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>64 lower-case hex digits, most significant first.</summary>
    public override string ToString() => High.ToString("x32", null) + Low.ToString("x32", null);

    public static bool operator ==(UInt256 a, UInt256 b) => a.Equals(b);

    public static bool operator !=(UInt256 a, UInt256 b) => !a.Equals(b);

    public static bool operator <(UInt256 a, UInt256 b) => a.CompareTo(b) < 0;

    public static bool operator >(UInt256 a, UInt256 b) => a.CompareTo(b) > 0;

    public static bool operator <=(UInt256 a, UInt256 b) => a.CompareTo(b) <= 0;

    public static bool operator >=(UInt256 a, UInt256 b) => a.CompareTo(b) >= 0;
}
