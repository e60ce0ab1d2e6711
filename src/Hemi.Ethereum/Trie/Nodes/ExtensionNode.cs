namespace Hemi.Ethereum.Trie;

/// <summary>An extension: a shared run of nibbles leading to a single branch.</summary>
internal sealed class ExtensionNode(byte[] path, TrieNode child) : TrieNode
{
    public byte[] Path = path;
    public TrieNode Child = child;
}
