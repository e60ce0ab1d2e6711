using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Protocol.Hvm;

/// <summary>A confirmed Bitcoin transaction as hVM's transaction index knows it: the transaction and the canonical block holding it.</summary>
public sealed record HvmTransactionRecord(Transaction Transaction, Hash256 BlockHash, uint BlockHeight)
{
    public Transaction Transaction { get; } = Transaction ?? throw new ArgumentNullException(nameof(Transaction));
}
