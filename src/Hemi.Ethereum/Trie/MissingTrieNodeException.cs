namespace Hemi.Ethereum.Trie;

/// <summary>
/// Raised when a trie walk needs a node that its <see cref="ITrieNodeStore"/> does not hold
/// (for example a trie opened at a root whose nodes were never committed or were pruned).
/// </summary>
public sealed class MissingTrieNodeException : TrieException
{
    public MissingTrieNodeException(Hash32 nodeHash)
        : base($"Trie node {nodeHash} is not in the node store.")
    {
        NodeHash = nodeHash;
    }

    /// <summary>The keccak hash of the node that could not be found.</summary>
    public Hash32 NodeHash { get; }
}
