namespace Hemi.Bitcoin.Merkle;

/// <summary>The result of <see cref="PartialMerkleTree.ExtractMatches"/>: the root and the proven transactions.</summary>
public sealed record PartialMerkleMatches(Hash256 Root, IReadOnlyList<Hash256> MatchedTxIds, IReadOnlyList<int> MatchedIndexes);
