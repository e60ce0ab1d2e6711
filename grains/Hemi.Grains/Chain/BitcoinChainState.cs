namespace Hemi.Grains.Chain;

/// <summary>
/// What a chain grain persists: the indexed best chain as (height, display hash) pairs, lowest first. Headers and
/// indexes are rebuilt from the source on activation, so only the identity of the indexed blocks must survive.
/// </summary>
public sealed class BitcoinChainState
{
    /// <summary>Indexed blocks, contiguous heights, lowest first.</summary>
    public List<IndexedBlock> Blocks { get; set; } = [];
}
