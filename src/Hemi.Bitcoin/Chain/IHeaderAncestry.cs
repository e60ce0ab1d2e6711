namespace Hemi.Bitcoin.Chain;

/// <summary>
/// The chain a new header would extend, seen from its parent (the tip): what
/// <see cref="HeaderChainValidator"/> needs to know about ancestors. Heights are absolute and at most <see cref="TipHeight"/>.
/// </summary>
public interface IHeaderAncestry
{
    int TipHeight { get; }

    Hash256 TipHash { get; }

    /// <summary>Timestamp of the ancestor at <paramref name="height"/>.</summary>
    uint GetTime(int height);

    /// <summary>nBits of the ancestor at <paramref name="height"/>.</summary>
    uint GetBits(int height);

    /// <summary>Median of the timestamps of the tip and up to ten ancestors (implementations may cache).</summary>
    uint GetMedianTimePast() => HeaderChainValidator.ComputeMedianTimePast(this);

    /// <summary>
    /// The testnet walk-back: the bits of the nearest block, from the tip backwards, that is a period boundary,
    /// the genesis block, or not a minimum-difficulty block (implementations may cache).
    /// </summary>
    uint GetLastNonMinDifficultyBits(Network network) => HeaderChainValidator.WalkBackMinDifficulty(this, network);
}
