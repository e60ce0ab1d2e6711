using Hemi.Bitcoin.Chain;

namespace Hemi.Bitcoin.Node;

/// <summary>The ancestry of a block-tree entry, as <see cref="HeaderChainValidator"/> sees the chain a new header extends.</summary>
internal sealed class ChainAncestry(BlockIndexEntry tip) : IHeaderAncestry
{
    public int TipHeight => tip.Height;

    public Hash256 TipHash => tip.Hash;

    public uint GetTime(int height) => tip.GetAncestor(height).Header.Time;

    public uint GetBits(int height) => tip.GetAncestor(height).Header.Bits;

    public uint GetMedianTimePast() => HeaderChainValidator.ComputeMedianTimePast(this);
}
