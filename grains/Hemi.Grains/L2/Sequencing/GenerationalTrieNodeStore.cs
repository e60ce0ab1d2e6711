using Hemi.Ethereum;
using Hemi.Ethereum.Trie;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>
/// The sequencer's trie nodes in two generations, so memory stays bounded while recent states remain readable: at each
/// snapshot the current generation becomes the previous one and a new current starts with only the snapshot's nodes;
/// the generation before is dropped. Lookups try the current generation, then the previous one.
/// </summary>
internal sealed class GenerationalTrieNodeStore : ITrieNodeStore
{
    private InMemoryTrieNodeStore _current = new();
    private InMemoryTrieNodeStore? _previous;

    /// <summary>Nodes held in both generations.</summary>
    public int Count => _current.Count + (_previous?.Count ?? 0);

    public bool TryGet(Hash32 hash, out byte[] encodedNode) =>
        _current.TryGet(hash, out encodedNode) || (_previous is not null && _previous.TryGet(hash, out encodedNode));

    public void Put(Hash32 hash, byte[] encodedNode) => _current.Put(hash, encodedNode);

    public void PutBatch(IReadOnlyList<KeyValuePair<Hash32, byte[]>> nodes) => _current.PutBatch(nodes);

    /// <summary>Starts a new generation holding <paramref name="snapshotNodes"/> (every node of the latest snapshot's state).</summary>
    public void Rotate(IReadOnlyList<KeyValuePair<Hash32, byte[]>> snapshotNodes)
    {
        var next = new InMemoryTrieNodeStore();
        next.PutBatch(snapshotNodes);
        _previous = _current;
        _current = next;
    }
}
