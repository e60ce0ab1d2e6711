using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>
/// A transaction and where it is: <see cref="Block"/> is the containing best-chain block, or <see langword="null"/> while
/// the transaction sits in the mempool.
/// </summary>
public sealed record TransactionInfo(Transaction Transaction, byte[] Raw, ChainTip? Block)
{
    /// <summary>Whether the transaction is in the best chain.</summary>
    public bool IsConfirmed => Block is not null;
}
