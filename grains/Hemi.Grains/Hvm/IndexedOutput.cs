using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Hvm;

/// <summary>An unspent output the index holds: where it was created (for a stable chain order), what it pays and to whom.</summary>
internal sealed record IndexedOutput(OutPoint OutPoint, ScriptKey Script, ulong Value, uint Height, int TransactionIndex)
{
    /// <summary>Chain order: block height, position in the block, output index (then txid, only for duplicate txids).</summary>
    public static IComparer<IndexedOutput> ChainOrder { get; } = Comparer<IndexedOutput>.Create(static (a, b) =>
    {
        var order = a.Height.CompareTo(b.Height);
        if (order == 0)
        {
            order = a.TransactionIndex.CompareTo(b.TransactionIndex);
        }

        if (order == 0)
        {
            order = a.OutPoint.Index.CompareTo(b.OutPoint.Index);
        }

        return order != 0 ? order : a.OutPoint.TxId.CompareTo(b.OutPoint.TxId);
    });

    public bool ContentEquals(IndexedOutput other) =>
        OutPoint == other.OutPoint && Script.Equals(other.Script) && Value == other.Value
        && Height == other.Height && TransactionIndex == other.TransactionIndex;
}
