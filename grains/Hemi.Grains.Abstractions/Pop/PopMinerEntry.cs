namespace Hemi.Grains.Pop;

/// <summary>One keystone tracked by a PoP miner (hashes in display hex).</summary>
/// <param name="KeystoneHash">The abbreviated keystone's hash.</param>
/// <param name="L2BlockNumber">The keystone's L2 block number.</param>
/// <param name="Status">Its state.</param>
/// <param name="TxId">The miner's signed transaction, once one exists (never replaced while it can still confirm).</param>
/// <param name="TxHex">That transaction's serialization.</param>
/// <param name="LastError">The latest failure (building, or broadcasting a signed transaction), or null.</param>
/// <param name="RetryAt">When an <see cref="PopMinerEntryStatus.Error"/> entry is tried again.</param>
/// <param name="BlockHash">The block of the first publication, when <see cref="PopMinerEntryStatus.Mined"/>.</param>
/// <param name="BlockHeight">Its height (−1 when not mined).</param>
/// <param name="DiscoveredAt">When the miner first saw the keystone.</param>
public sealed record PopMinerEntry(
    string KeystoneHash,
    uint L2BlockNumber,
    PopMinerEntryStatus Status,
    string? TxId,
    string? TxHex,
    string? LastError,
    DateTimeOffset? RetryAt,
    string? BlockHash,
    int BlockHeight,
    DateTimeOffset DiscoveredAt);
