using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;

namespace Hemi.Protocol.L2.Execution;

/// <summary>The outcome of a block: per-transaction results, total gas, the OR of the receipt blooms and the post-state root.</summary>
public sealed record BlockExecutionResult(IReadOnlyList<TransactionResult> Transactions, ulong GasUsed, Bloom LogsBloom, Hash32 StateRoot)
{
    public IReadOnlyList<Receipt> Receipts => Transactions.Select(t => t.Receipt).ToArray();
}
