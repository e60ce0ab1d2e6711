namespace Hemi.Ethereum.Trie;

/// <summary>A branch: sixteen children indexed by the next nibble and the value of a key ending here.</summary>
internal sealed class BranchNode : TrieNode
{
    public readonly TrieNode?[] Children = new TrieNode?[16];
    public byte[]? Value;

    public int CountEntries()
    {
        var count = Value is null ? 0 : 1;
        foreach (var child in Children)
        {
            if (child is not null)
            {
                count++;
            }
        }

        return count;
    }
}
