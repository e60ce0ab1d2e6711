namespace Hemi.Bitcoin.Node;

/// <summary>
/// A change of the best tip. <see cref="Disconnected"/> lists blocks that left the best chain (old tip first);
/// <see cref="Connected"/> the blocks that joined it (lowest first). A plain extension disconnects nothing.
/// </summary>
public sealed record TipChange(ChainTip NewTip, ChainTip OldTip, ChainTip ForkPoint, IReadOnlyList<ChainTip> Disconnected, IReadOnlyList<ChainTip> Connected)
{
    /// <summary>Whether blocks left the best chain.</summary>
    public bool IsReorg => Disconnected.Count != 0;
}
