using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

/// <summary>Wraps a store and counts reads and writes, optionally substituting what a read returns.</summary>
internal sealed class CountingNodeStore(ITrieNodeStore inner) : ITrieNodeStore
{
    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public Func<Hash32, byte[], byte[]>? Corrupt { get; set; }

    public bool TryGet(Hash32 hash, out byte[] encodedNode)
    {
        Reads++;
        if (!inner.TryGet(hash, out encodedNode))
        {
            return false;
        }

        if (Corrupt is not null)
        {
            encodedNode = Corrupt(hash, encodedNode);
        }

        return true;
    }

    public void Put(Hash32 hash, byte[] encodedNode)
    {
        Writes++;
        inner.Put(hash, encodedNode);
    }
}
