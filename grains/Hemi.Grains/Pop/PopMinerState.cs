namespace Hemi.Grains.Pop;

/// <summary>The persisted state of a PoP miner.</summary>
public sealed class PopMinerState
{
    /// <summary>The keystone the registry is listed from (the oldest of the latest window), or null before <c>FollowAsync</c>.</summary>
    public string? AnchorHash { get; set; }

    /// <summary>Tracked keystones, ascending by L2 block number.</summary>
    public List<PopMinerKeystoneState> Entries { get; set; } = [];
}
