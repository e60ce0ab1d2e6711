namespace Hemi.Bitcoin.Node;

/// <summary>The outcome of <see cref="IBitcoinSource.BroadcastAsync"/>: accepted (the txid) or rejected (why).</summary>
public sealed record BroadcastResult(Hash256 TxId, TransactionRejection? Rejection)
{
    /// <summary>Whether the mempool accepted the transaction.</summary>
    public bool Accepted => Rejection is null;

    /// <summary>An acceptance.</summary>
    public static BroadcastResult Success(Hash256 txId) => new(txId, null);

    /// <summary>A rejection.</summary>
    public static BroadcastResult Failure(Hash256 txId, TransactionRejection rejection) => new(txId, rejection);
}
