using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.L2.Execution;

/// <summary>Executes L2 transactions against a <see cref="WorldState"/>. The native engine is the first implementation; an EVM can follow.</summary>
public interface IExecutionEngine
{
    /// <summary>Executes a whole block. On any rejected transaction the state is rolled back and the block is invalid.</summary>
    /// <exception cref="ExecutionException">The context does not follow the parent, or a transaction is rejected.</exception>
    BlockExecutionResult ExecuteBlock(L2BlockHeader parent, WorldState state, IReadOnlyList<L2Transaction> transactions, BlockContext context);

    /// <summary>Executes one transaction on top of <paramref name="cumulativeGasUsed"/> (for the sequencer, which skips rejected ones).</summary>
    /// <exception cref="ExecutionException">The transaction is not executable; the state is left unchanged.</exception>
    TransactionResult ApplyTransaction(WorldState state, L2Transaction transaction, BlockContext context, ulong cumulativeGasUsed);
}
