using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>An accepted mempool transaction with its fee and arrival order.</summary>
internal sealed record MempoolEntry(Transaction Transaction, Hash256 TxId, byte[] Raw, long Fee, int VirtualSize, long Sequence)
{
    /// <summary>Fee rate in sat/kvB.</summary>
    public long FeeRate => Fee * 1000 / Math.Max(1, VirtualSize);
}
