using System.Numerics;
using Hemi.Ethereum.Transactions;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>A queued transaction with its fee caps and arrival order (ties in fee go to the earlier one).</summary>
internal sealed record PooledTransaction(SubmittedTransaction Submitted, long Sequence)
{
    public EthereumTransaction Transaction => Submitted.Transaction.Transaction;

    public ulong Nonce => Transaction.Nonce;

    /// <summary>maxFeePerGas, or gasPrice for legacy and EIP-2930 transactions.</summary>
    public BigInteger FeeCap { get; } = Submitted.Transaction.Transaction switch
    {
        DynamicFeeTransaction d => d.MaxFeePerGas,
        LegacyTransaction l => l.GasPrice,
        AccessListTransaction a => a.GasPrice,
        _ => BigInteger.Zero,
    };

    /// <summary>maxPriorityFeePerGas, or gasPrice for legacy and EIP-2930 transactions.</summary>
    public BigInteger TipCap { get; } = Submitted.Transaction.Transaction switch
    {
        DynamicFeeTransaction d => d.MaxPriorityFeePerGas,
        LegacyTransaction l => l.GasPrice,
        AccessListTransaction a => a.GasPrice,
        _ => BigInteger.Zero,
    };

    /// <summary>The tip per gas the block producer earns at <paramref name="baseFee"/> (negative when the fee cap is below it).</summary>
    public BigInteger EffectiveTip(BigInteger baseFee) => BigInteger.Min(TipCap, FeeCap - baseFee);
}
