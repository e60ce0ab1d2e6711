namespace Hemi.Ethereum.Trie;

/// <summary>A node known only by its hash; the owning trie resolves it from the node store on demand.</summary>
internal sealed class HashNode : TrieNode
{
    public HashNode(ReadOnlySpan<byte> hash32)
    {
        Hash = Hash32.FromOwned(hash32.ToArray());
        var reference = new byte[33];
        reference[0] = 0xa0;
        hash32.CopyTo(reference.AsSpan(1));
        Reference = reference;
        Persisted = true;
    }

    public Hash32 Hash { get; }
}
