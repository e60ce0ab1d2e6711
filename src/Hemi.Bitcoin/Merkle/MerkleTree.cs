namespace Hemi.Bitcoin.Merkle;

/// <summary>Bitcoin's transaction merkle tree: double-SHA256 pairs, the last node duplicated on odd levels.</summary>
public static class MerkleTree
{
    /// <summary>Computes the merkle root of <paramref name="leaves"/> (zero for an empty list).</summary>
    public static Hash256 ComputeRoot(IReadOnlyList<Hash256> leaves) => ComputeRoot(leaves, out _);

    /// <summary>
    /// Computes the merkle root and reports <paramref name="mutated"/> when some level holds two identical adjacent
    /// nodes: the CVE-2012-2459 ambiguity, where a different transaction list yields the same root.
    /// </summary>
    public static Hash256 ComputeRoot(IReadOnlyList<Hash256> leaves, out bool mutated)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        mutated = false;
        if (leaves.Count == 0)
        {
            return Hash256.Zero;
        }

        var level = new Hash256[leaves.Count];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = leaves[i];
        }

        return ComputeRootInPlace(level, out mutated);
    }

    /// <summary>Computes the root, overwriting <paramref name="level"/> with intermediate nodes.</summary>
    public static Hash256 ComputeRootInPlace(Span<Hash256> level, out bool mutated)
    {
        mutated = false;
        if (level.IsEmpty)
        {
            return Hash256.Zero;
        }

        var count = level.Length;
        while (count > 1)
        {
            for (var pos = 0; pos + 1 < count; pos += 2)
            {
                if (level[pos] == level[pos + 1])
                {
                    mutated = true;
                }
            }

            var parents = (count + 1) / 2;
            for (var i = 0; i < parents; i++)
            {
                var left = level[2 * i];
                var right = 2 * i + 1 < count ? level[2 * i + 1] : left;
                level[i] = Hash256.HashPair(left, right);
            }

            count = parents;
        }

        return level[0];
    }
}
