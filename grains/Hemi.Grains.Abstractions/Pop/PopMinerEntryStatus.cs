namespace Hemi.Grains.Pop;

/// <summary>Where a keystone is in the miner's state machine.</summary>
public enum PopMinerEntryStatus
{
    /// <summary>Discovered; no transaction yet.</summary>
    New,

    /// <summary>A transaction is signed and persisted but not (yet) accepted by the node; it is the only one ever re-broadcast.</summary>
    Signed,

    /// <summary>The node accepted the transaction (or already had it).</summary>
    Broadcast,

    /// <summary>The keystone is published in an indexed Bitcoin block (by this miner or another).</summary>
    Mined,

    /// <summary>Building the transaction failed; retried at <see cref="PopMinerEntry.RetryAt"/>.</summary>
    Error,
}
