using System.Numerics;

namespace Hemi.Protocol.L2.Fees;

/// <summary>The EIP-1559 base fee rule, identical to go-ethereum's <c>CalcBaseFee</c> for post-London parents.</summary>
public static class BaseFee
{
    /// <summary>Gas target = gas limit / elasticity.</summary>
    public const ulong ElasticityMultiplier = 2;

    /// <summary>Bounds the change per block to 1/8 of the parent's base fee.</summary>
    public const ulong BaseFeeChangeDenominator = 8;

    /// <summary>The base fee of the first EIP-1559 block (1 gwei), as on Ethereum.</summary>
    public static readonly BigInteger Initial = 1_000_000_000;

    /// <summary>The base fee of the child of a block with the given gas limit, gas used and base fee.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parent's gas target is zero or its base fee negative.</exception>
    public static BigInteger Next(ulong parentGasLimit, ulong parentGasUsed, BigInteger parentBaseFee)
    {
        if (parentBaseFee.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parentBaseFee), "A base fee is non-negative.");
        }

        var target = parentGasLimit / ElasticityMultiplier;
        if (target == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parentGasLimit), "The parent gas limit leaves no gas target.");
        }

        if (parentGasUsed == target)
        {
            return parentBaseFee;
        }

        if (parentGasUsed > target)
        {
            // An increase is at least 1 wei so a zero-ish base fee can still climb under load.
            var increase = parentBaseFee * (parentGasUsed - target) / target / BaseFeeChangeDenominator;
            return parentBaseFee + BigInteger.Max(increase, BigInteger.One);
        }

        var decrease = parentBaseFee * (target - parentGasUsed) / target / BaseFeeChangeDenominator;
        return BigInteger.Max(parentBaseFee - decrease, BigInteger.Zero);
    }
}
