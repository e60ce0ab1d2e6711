using Hemi.Bitcoin;

namespace Hemi.Grains.Hvm;

/// <summary>A confirmed transaction in the index: its serialization (with witness) and where it sits in the chain.</summary>
/// <remarks>Kept serialized rather than parsed: a parsed transaction costs several times its wire size in objects.</remarks>
internal sealed record IndexedTransaction(byte[] Raw, Hash256 BlockHash, uint Height, int Index)
{
    public bool ContentEquals(IndexedTransaction other) =>
        BlockHash == other.BlockHash && Height == other.Height && Index == other.Index && Raw.AsSpan().SequenceEqual(other.Raw);
}
