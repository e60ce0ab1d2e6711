namespace Hemi.Ethereum.Trie;

/// <summary>
/// Content-addressed storage for trie nodes: the RLP of every node referenced by hash, keyed by its keccak.
/// Synchronous on purpose: tries resolve nodes lazily in the middle of a walk.
/// </summary>
public interface ITrieNodeStore
{
    /// <summary>Looks up the RLP of the node whose keccak is <paramref name="hash"/>.</summary>
    bool TryGet(Hash32 hash, out byte[] encodedNode);

    /// <summary>Stores a node under its keccak. Storing the same node twice is harmless.</summary>
    void Put(Hash32 hash, byte[] encodedNode);

    /// <summary>Stores the nodes of one commit; persistent stores should make this a single atomic write.</summary>
    void PutBatch(IReadOnlyList<KeyValuePair<Hash32, byte[]>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var (hash, encodedNode) in nodes)
        {
            Put(hash, encodedNode);
        }
    }
}
