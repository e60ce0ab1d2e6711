using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

/// <summary>
/// A plain ancestry over a list of headers indexed by height (using the interface's default MTP and walk-back),
/// so the validator can be checked against the tree's cached implementation and fed doctored histories.
/// </summary>
internal sealed class ListAncestry(IReadOnlyList<BlockHeader> headersByHeight, int tipHeight) : IHeaderAncestry
{
    public int TipHeight => tipHeight;

    public Hash256 TipHash => headersByHeight[tipHeight].GetHash();

    public uint GetTime(int height) => headersByHeight[height].Time;

    public uint GetBits(int height) => headersByHeight[height].Bits;
}
