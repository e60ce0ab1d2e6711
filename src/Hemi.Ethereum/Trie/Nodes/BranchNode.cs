using System.Runtime.CompilerServices;

namespace Hemi.Ethereum.Trie;

/// <summary>A branch: sixteen children indexed by the next nibble and the value of a key ending here.</summary>
internal sealed class BranchNode : TrieNode
{
    // Inline rather than a separate array: one allocation per branch instead of two.
    public BranchChildren Children;
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

/// <summary>The sixteen child slots of a <see cref="BranchNode"/>.</summary>
[InlineArray(16)]
internal struct BranchChildren
{
    private TrieNode? _first;
}
