namespace Hemi.Ethereum.Trie;

/// <summary>A leaf: the rest of the key's nibbles and the value stored there.</summary>
internal sealed class LeafNode(byte[] path, byte[] value) : TrieNode
{
    public byte[] Path = path;
    public byte[] Value = value;
}
