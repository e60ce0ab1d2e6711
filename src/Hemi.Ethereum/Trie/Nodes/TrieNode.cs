namespace Hemi.Ethereum.Trie;

/// <summary>
/// An in-memory trie node. Nodes are mutated in place by their owning trie; every change clears the
/// cached reference of the node and of all its ancestors, so a root hash only re-hashes the dirty paths.
/// </summary>
internal abstract class TrieNode
{
    /// <summary>
    /// How a parent embeds this node, or null while the node has changed since it was last hashed: the node's RLP
    /// when shorter than 32 bytes, otherwise the RLP string of its keccak (0xa0 followed by 32 bytes).
    /// Only the reference is cached, not the full RLP of hashed nodes: that halves the memory the garbage
    /// collector has to trace, and commits and proofs re-encode the few nodes they need from the cached child references.
    /// </summary>
    public byte[]? Reference;

    /// <summary>Whether the node (or the parent that embeds it) is already in the node store.</summary>
    public bool Persisted;

    public bool IsClean => Reference is not null;

    /// <summary>Whether the node is referenced by hash (its RLP is 32 bytes or more); only meaningful when clean.</summary>
    public bool IsHashReferenced => Reference is { Length: TrieNodeEncoder.HashReferenceLength } reference && reference[0] == 0xa0;

    public void MarkDirty()
    {
        Reference = null;
        Persisted = false;
    }
}
