using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Hvm;

/// <summary>
/// One change a connected block made to the index, with what it replaced, so that disconnecting the block undoes its
/// changes in reverse order and restores the previous state exactly, including the rare cases raw chain data allows:
/// a duplicate txid overwriting an earlier transaction (BIP30-style) or an outpoint spent twice.
/// </summary>
internal abstract record IndexJournalEntry
{
    private IndexJournalEntry()
    {
    }

    /// <summary>An output joined the unspent set.</summary>
    public sealed record OutputCreated(OutPoint OutPoint) : IndexJournalEntry;

    /// <summary>An output left the unspent set (spent, or overwritten by a duplicate txid).</summary>
    public sealed record OutputRemoved(IndexedOutput Output) : IndexJournalEntry;

    /// <summary>An outpoint was marked spent by a transaction, over <see cref="Previous"/> (null when it was unmarked).</summary>
    public sealed record SpenderSet(OutPoint OutPoint, Hash256? Previous) : IndexJournalEntry;

    /// <summary>A transaction was indexed over <see cref="Previous"/> (null when its txid was new).</summary>
    public sealed record TransactionAdded(Hash256 TxId, IndexedTransaction? Previous) : IndexJournalEntry;
}
