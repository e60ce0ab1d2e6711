using Hemi.Crypto;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Merkle proofs over a <see cref="PatriciaTrie"/>: the RLP of every hash-referenced node on the path
/// from the root towards a key. The same proof shows the key's value or, when the path ends early, its absence.
/// </summary>
public static class TrieProof
{
    /// <summary>Upper bound on proof length; a proof for a key of n bytes needs at most 2n + 1 nodes.</summary>
    public const int MaxProofNodes = 1024;

    /// <summary>The proof for <paramref name="key"/> (present or absent), root node first.</summary>
    public static IReadOnlyList<byte[]> Generate(PatriciaTrie trie, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(trie);
        var proof = new List<byte[]>();
        trie.CollectProofNodes(key, proof);
        return proof;
    }

    /// <summary>The proof for <paramref name="key"/> in a secure trie, i.e. for the trie key keccak256(key).</summary>
    public static IReadOnlyList<byte[]> Generate(SecureTrie trie, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(trie);
        return Generate(trie.Inner, SecureTrie.HashKey(key));
    }

    /// <summary>
    /// Checks <paramref name="proof"/> against <paramref name="root"/> and returns the value it proves for
    /// <paramref name="key"/>, or <see langword="null"/> when it proves the key absent.
    /// </summary>
    /// <exception cref="TrieProofException">The proof is malformed, incomplete or does not match the root.</exception>
    public static byte[]? Verify(Hash32 root, ReadOnlySpan<byte> key, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.Count > MaxProofNodes)
        {
            throw new TrieProofException($"A proof of {proof.Count} nodes exceeds the limit of {MaxProofNodes}.");
        }

        if (root == PatriciaTrie.EmptyRootHash)
        {
            return null; // the empty trie holds nothing; no node can say otherwise
        }

        var nodesByHash = new Dictionary<Hash32, byte[]>(proof.Count);
        foreach (var encoded in proof)
        {
            if (encoded is null)
            {
                throw new TrieProofException("A proof contains a null node.");
            }

            nodesByHash.TryAdd(Hash32.FromOwned(Keccak256.Hash(encoded)), encoded);
        }

        var path = Nibbles.FromKey(key);
        var node = Load(nodesByHash, root, isRoot: true);
        var at = 0;
        for (var depth = 0; depth <= path.Length; depth++)
        {
            TrieNode? next;
            switch (node)
            {
                case LeafNode leaf:
                    return path.AsSpan(at).SequenceEqual(leaf.Path) ? leaf.Value : null;

                case ExtensionNode extension:
                    if (!path.AsSpan(at).StartsWith(extension.Path))
                    {
                        return null;
                    }

                    at += extension.Path.Length;
                    next = extension.Child;
                    if (next is HashNode extensionChild)
                    {
                        next = Load(nodesByHash, extensionChild.Hash, isRoot: false);
                        if (next is not BranchNode)
                        {
                            throw new TrieProofException("An extension node in the proof leads to something other than a branch.");
                        }
                    }

                    break;

                case BranchNode branch:
                    if (at == path.Length)
                    {
                        return branch.Value;
                    }

                    next = branch.Children[path[at++]];
                    if (next is null)
                    {
                        return null;
                    }

                    if (next is HashNode branchChild)
                    {
                        next = Load(nodesByHash, branchChild.Hash, isRoot: false);
                    }

                    break;

                default:
                    throw new TrieProofException("Unexpected node in proof.");
            }

            node = next;
        }

        // Every step consumes at least one nibble, so a well-formed walk ends within the loop bound.
        throw new TrieProofException("The proof path is deeper than the key allows.");
    }

    /// <summary>Like <see cref="Verify"/> for a secure trie: the trie key is keccak256(<paramref name="key"/>).</summary>
    public static byte[]? VerifySecure(Hash32 root, ReadOnlySpan<byte> key, IReadOnlyList<byte[]> proof) =>
        Verify(root, SecureTrie.HashKey(key), proof);

    private static TrieNode Load(Dictionary<Hash32, byte[]> nodesByHash, Hash32 hash, bool isRoot)
    {
        if (!nodesByHash.TryGetValue(hash, out var encoded))
        {
            throw new TrieProofException($"The proof does not contain node {hash}.");
        }

        try
        {
            return TrieNodeDecoder.Decode(encoded, isRoot);
        }
        catch (TrieException e)
        {
            throw new TrieProofException("The proof contains a malformed node: " + e.Message, e);
        }
    }
}
