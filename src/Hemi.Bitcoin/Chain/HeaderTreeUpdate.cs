namespace Hemi.Bitcoin.Chain;

/// <summary>
/// A change of a <see cref="HeaderTree"/>'s best tip. <see cref="Disconnected"/> lists the old best-chain headers
/// above <see cref="ForkPoint"/> from the old tip downwards; <see cref="Connected"/> lists the new ones from just
/// above the fork point up to the new tip. A plain extension has an empty <see cref="Disconnected"/> list.
/// </summary>
public sealed record HeaderTreeUpdate(
    HeaderTreeEntry NewTip,
    HeaderTreeEntry OldTip,
    HeaderTreeEntry ForkPoint,
    IReadOnlyList<HeaderTreeEntry> Disconnected,
    IReadOnlyList<HeaderTreeEntry> Connected)
{
    /// <summary>Whether headers left the best chain.</summary>
    public bool IsReorg => Disconnected.Count != 0;
}
