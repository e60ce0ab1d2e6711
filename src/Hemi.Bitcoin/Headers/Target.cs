using System.Numerics;

namespace Hemi.Bitcoin.Headers;

/// <summary>
/// Conversions between the compact "nBits" difficulty encoding, 256-bit targets and block work, following Bitcoin
/// Core's arith_uint256 SetCompact/GetCompact and GetBlockProof exactly (including the sign bit and overflow rules).
/// </summary>
public static class Target
{
    private static readonly BigInteger s_two256 = BigInteger.One << 256;

    /// <summary>
    /// Decodes compact bits. <paramref name="negative"/> is set when the sign bit is on with a non-zero mantissa;
    /// <paramref name="overflow"/> when the value does not fit 256 bits (the result is then truncated like Core's).
    /// </summary>
    public static UInt256 FromCompact(uint bits, out bool negative, out bool overflow)
    {
        var size = (int)(bits >> 24);
        var word = bits & 0x007fffffu;
        UInt256 result;
        if (size <= 3)
        {
            word >>= 8 * (3 - size);
            result = new UInt256(UInt128.Zero, word);
        }
        else
        {
            result = new UInt256(UInt128.Zero, word) << (8 * (size - 3));
        }

        negative = word != 0 && (bits & 0x00800000u) != 0;
        overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return result;
    }

    /// <summary>Decodes compact bits to a (possibly negative) <see cref="BigInteger"/>; throws when it overflows 256 bits.</summary>
    public static BigInteger ToBigInteger(uint bits)
    {
        var value = FromCompact(bits, out var negative, out var overflow);
        if (overflow)
        {
            throw new OverflowException($"Compact bits 0x{bits:x8} overflow 256 bits.");
        }

        var big = value.ToBigInteger();
        return negative ? -big : big;
    }

    /// <summary>Encodes a target (0 ≤ target &lt; 2^256) in compact form.</summary>
    public static uint ToCompact(UInt256 target, bool negative = false)
    {
        var size = (target.BitLength + 7) / 8;
        uint compact;
        if (size <= 3)
        {
            compact = (uint)(ulong)(target.Low << (8 * (3 - size)));
        }
        else
        {
            compact = (uint)(ulong)(target >> (8 * (size - 3))).Low;
        }

        // The mantissa's top bit is the sign, so a mantissa with it set moves one byte into the exponent.
        if ((compact & 0x00800000u) != 0)
        {
            compact >>= 8;
            size++;
        }

        compact |= (uint)size << 24;
        if (negative && (compact & 0x007fffffu) != 0)
        {
            compact |= 0x00800000u;
        }

        return compact;
    }

    /// <summary>Encodes a <see cref="BigInteger"/> target in compact form (negative values set the sign bit).</summary>
    public static uint ToCompact(BigInteger target)
    {
        var negative = target.Sign < 0;
        var magnitude = BigInteger.Abs(target);
        if (magnitude >= s_two256)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "Target must be below 2^256.");
        }

        return ToCompact(UInt256.FromBigInteger(magnitude), negative);
    }

    /// <summary>
    /// The expected number of hashes to meet <paramref name="bits"/>: 2^256 / (target + 1); zero for a negative,
    /// zero or overflowing target (Core's GetBlockProof).
    /// </summary>
    public static UInt256 GetWork(uint bits)
    {
        var target = FromCompact(bits, out var negative, out var overflow);
        if (negative || overflow || target.IsZero)
        {
            return UInt256.Zero;
        }

        // 2^256 / (t + 1) == (~t / (t + 1)) + 1 keeps the numerator inside 256 bits.
        var t = target.ToBigInteger();
        var notT = (s_two256 - 1) - t;
        return UInt256.FromBigInteger((notT / (t + 1)) + 1);
    }

    /// <summary>
    /// Decodes <paramref name="bits"/> and checks it is a usable target for <paramref name="network"/>: positive,
    /// not overflowing, and no easier than the network's proof-of-work limit.
    /// </summary>
    public static bool TryGetTarget(uint bits, Network network, out UInt256 target)
    {
        ArgumentNullException.ThrowIfNull(network);
        target = FromCompact(bits, out var negative, out var overflow);
        return !negative && !overflow && !target.IsZero && target <= PowLimitOf(network);
    }

    /// <summary>Bitcoin Core's CheckProofOfWork: the bits are a valid target within the limit and the hash does not exceed it.</summary>
    public static bool CheckProofOfWork(in Hash256 hash, uint bits, Network network) =>
        TryGetTarget(bits, network, out var target) && UInt256.FromHash(hash) <= target;

    /// <summary>The network's proof-of-work limit as a 256-bit number.</summary>
    public static UInt256 PowLimitOf(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.PowLimitValue;
    }
}
