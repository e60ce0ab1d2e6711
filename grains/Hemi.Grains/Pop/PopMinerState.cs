namespace Hemi.Grains.Pop;

/// <summary>The persisted state of a PoP miner.</summary>
public sealed class PopMinerState
{
    /// <summary>The keystone given to <c>FollowAsync</c> (older keystones are never mined), or null to mine the latest ones.</summary>
    public string? AnchorHash { get; set; }

    /// <summary>The L2 block number of <see cref="AnchorHash"/>, once resolved.</summary>
    public uint? AnchorL2BlockNumber { get; set; }

    /// <summary>Tracked keystones, ascending by L2 block number.</summary>
    public List<PopMinerKeystoneState> Entries { get; set; } = [];
}
