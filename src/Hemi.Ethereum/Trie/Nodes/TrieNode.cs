namespace Hemi.Ethereum.Trie;

/// <summary>
/// An in-memory trie node. Nodes are mutated in place by their owning trie; every change clears the
/// cached encoding of the node and of all its ancestors, so a root hash only re-encodes the dirty paths.
/// </summary>
internal abstract class TrieNode
{
    /// <summary>The node's RLP, or null while it has changed since it was last encoded.</summary>
    public byte[]? Encoded;

    /// <summary>
    /// How a parent embeds this node: the RLP itself when shorter than 32 bytes, otherwise
    /// the RLP string of its keccak hash (0xa0 followed by 32 bytes).
    /// </summary>
    public byte[]? Reference;

    /// <summary>Whether the node (or the parent that embeds it) is already in the node store.</summary>
    public bool Persisted;

    public bool IsClean => Reference is not null;

    public void MarkDirty()
    {
        Encoded = null;
        Reference = null;
        Persisted = false;
    }
}
