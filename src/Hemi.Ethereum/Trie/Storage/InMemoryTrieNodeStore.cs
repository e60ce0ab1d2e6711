namespace Hemi.Ethereum.Trie;

/// <summary>An <see cref="ITrieNodeStore"/> backed by a dictionary; not thread-safe.</summary>
public sealed class InMemoryTrieNodeStore : ITrieNodeStore
{
    private readonly Dictionary<Hash32, byte[]> _nodes = [];

    /// <summary>Number of stored nodes.</summary>
    public int Count => _nodes.Count;

    /// <summary>The stored nodes (hash → RLP).</summary>
    public IEnumerable<KeyValuePair<Hash32, byte[]>> Nodes => _nodes;

    public bool TryGet(Hash32 hash, out byte[] encodedNode)
    {
        if (_nodes.TryGetValue(hash, out var found))
        {
            encodedNode = found;
            return true;
        }

        encodedNode = [];
        return false;
    }

    public void Put(Hash32 hash, byte[] encodedNode)
    {
        ArgumentNullException.ThrowIfNull(encodedNode);
        _nodes[hash] = encodedNode;
    }

    public void PutBatch(IReadOnlyList<KeyValuePair<Hash32, byte[]>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes.EnsureCapacity(_nodes.Count + nodes.Count);
        foreach (var (hash, encodedNode) in nodes)
        {
            _nodes[hash] = encodedNode;
        }
    }
}
