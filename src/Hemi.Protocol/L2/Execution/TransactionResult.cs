using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;

namespace Hemi.Protocol.L2.Execution;

/// <summary>The outcome of one executed transaction.</summary>
/// <param name="Receipt">Its receipt (status, cumulative gas, logs, bloom).</param>
/// <param name="Sender">The recovered (or system) sender.</param>
/// <param name="GasUsed">Gas charged to this transaction (0 for system transactions).</param>
/// <param name="EffectiveGasPrice">Price per gas actually paid (0 for system transactions).</param>
/// <param name="FailureReason">Why execution reverted, or <see langword="null"/> on success.</param>
public sealed record TransactionResult(Receipt Receipt, Address Sender, ulong GasUsed, BigInteger EffectiveGasPrice, string? FailureReason)
{
    /// <summary>The typed reason of a reverted receipt; <see langword="null"/> when the transaction succeeded.</summary>
    public Hemi.Protocol.L2.State.NativeCallFailure? Failure { get; init; }
}
