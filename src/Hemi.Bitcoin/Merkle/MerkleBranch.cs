namespace Hemi.Bitcoin.Merkle;

/// <summary>
/// The sibling hashes linking the leaf at <see cref="Index"/> to the merkle root (an SPV inclusion proof, as in
/// Electrum's <c>blockchain.transaction.get_merkle</c>).
/// </summary>
public sealed class MerkleBranch
{
    public MerkleBranch(int index, IReadOnlyList<Hash256> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (siblings.Count > 31)
        {
            throw new ArgumentException("A branch deeper than 31 levels cannot address an int index.", nameof(siblings));
        }

        Index = index;
        var copy = new Hash256[siblings.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = siblings[i];
        }

        Siblings = copy;
    }

    /// <summary>Position of the leaf in the block.</summary>
    public int Index { get; }

    /// <summary>Sibling hashes from the leaf level upwards.</summary>
    public IReadOnlyList<Hash256> Siblings { get; }

    /// <summary>Builds the branch for the leaf at <paramref name="index"/>.</summary>
    public static MerkleBranch Build(IReadOnlyList<Hash256> leaves, int index)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var level = new Hash256[leaves.Count];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = leaves[i];
        }

        var siblings = new List<Hash256>();
        var count = level.Length;
        var pos = index;
        while (count > 1)
        {
            var siblingPos = pos ^ 1;
            // The last node of an odd level is paired with itself.
            siblings.Add(siblingPos < count ? level[siblingPos] : level[pos]);
            var parents = (count + 1) / 2;
            for (var i = 0; i < parents; i++)
            {
                var left = level[2 * i];
                var right = 2 * i + 1 < count ? level[2 * i + 1] : left;
                level[i] = Hash256.HashPair(left, right);
            }

            count = parents;
            pos >>= 1;
        }

        return new MerkleBranch(index, siblings);
    }

    /// <summary>The root implied by <paramref name="leaf"/> sitting at <see cref="Index"/>.</summary>
    public Hash256 ComputeRoot(Hash256 leaf)
    {
        var current = leaf;
        var pos = Index;
        foreach (var sibling in Siblings)
        {
            current = (pos & 1) == 0 ? Hash256.HashPair(current, sibling) : Hash256.HashPair(sibling, current);
            pos >>= 1;
        }

        return current;
    }

    /// <summary>Whether <paramref name="leaf"/> at <see cref="Index"/> hashes up to <paramref name="root"/> (and the index fits the depth).</summary>
    public bool Verify(Hash256 leaf, Hash256 root) =>
        (Index >> Siblings.Count) == 0 && ComputeRoot(leaf) == root;
}
