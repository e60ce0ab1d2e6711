namespace Hemi.Protocol.L2.Execution;

/// <summary>A transaction was rejected before execution, or a block cannot be executed at all.</summary>
public sealed class ExecutionException : Exception
{
    public ExecutionException(ExecutionError error, string message, int transactionIndex = -1)
        : base(message)
    {
        Error = error;
        TransactionIndex = transactionIndex;
    }

    public ExecutionError Error { get; }

    /// <summary>The index of the offending transaction in the block, or −1 for block-level errors.</summary>
    public int TransactionIndex { get; }

    /// <summary>The same error attributed to the transaction at <paramref name="index"/>.</summary>
    public ExecutionException AtIndex(int index) => new(Error, $"Transaction {index}: {Message}", index);
}
