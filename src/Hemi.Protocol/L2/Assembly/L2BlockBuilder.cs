using Hemi.Ethereum;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.L2.Assembly;

/// <summary>A block the builder sealed: its header, the ordered transactions and their execution results.</summary>
public sealed record SealedL2Block(L2BlockHeader Header, IReadOnlyList<L2Transaction> Transactions, BlockExecutionResult Execution);

/// <summary>Executes a body on top of a parent and seals the header with the resulting roots, bloom and gas.</summary>
public static class L2BlockBuilder
{
    /// <summary>
    /// Executes <paramref name="transactions"/> (the caller orders them: system transactions first) and returns the
    /// sealed block. <paramref name="bitcoinTip"/> (internal byte order) is committed as the header's mixHash.
    /// </summary>
    /// <exception cref="ExecutionException">The context does not follow the parent or a transaction is rejected (state rolled back).</exception>
    public static SealedL2Block Build(
        IExecutionEngine engine,
        L2BlockHeader parent,
        WorldState state,
        IReadOnlyList<L2Transaction> transactions,
        BlockContext context,
        Hash32 bitcoinTip,
        ReadOnlyMemory<byte> extraData = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(context);
        var execution = engine.ExecuteBlock(parent, state, transactions, context);
        var header = new L2BlockHeader
        {
            ParentHash = parent.Hash,
            Coinbase = context.Coinbase,
            StateRoot = execution.StateRoot,
            TransactionsRoot = BlockRoots.TransactionsRoot(transactions),
            ReceiptsRoot = BlockRoots.ReceiptsRoot(execution.Receipts),
            LogsBloom = execution.LogsBloom,
            Number = context.Number,
            GasLimit = context.GasLimit,
            GasUsed = execution.GasUsed,
            Timestamp = context.Timestamp,
            ExtraData = extraData,
            MixHash = bitcoinTip,
            BaseFeePerGas = context.BaseFee,
        };
        return new SealedL2Block(header, transactions, execution);
    }
}
