using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Roots of list tries keyed by rlp(index): a block's <c>transactionsRoot</c> (values are the encoded
/// transactions, typed envelopes included) and <c>receiptsRoot</c> (values are the encoded receipts).
/// </summary>
public static class OrderedTrie
{
    /// <summary>Builds a trie mapping rlp(i) to <paramref name="encodedItems"/>[i] and returns its root.</summary>
    public static Hash32 ComputeRoot(IReadOnlyList<byte[]> encodedItems) => Build(encodedItems).RootHash;

    /// <summary>The trie behind <see cref="ComputeRoot"/>, e.g. to prove inclusion of one item with <see cref="TrieProof"/>.</summary>
    public static PatriciaTrie Build(IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var trie = new PatriciaTrie();
        for (var i = 0; i < encodedItems.Count; i++)
        {
            var item = encodedItems[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(encodedItems));
            if (item.Length == 0)
            {
                // An empty value would silently delete the entry and shift nothing: the root would be wrong.
                throw new ArgumentException($"Item {i} is empty; list items are non-empty encodings.", nameof(encodedItems));
            }

            trie.Put(KeyOf(i), item);
        }

        return trie;
    }

    /// <summary>The trie key of list position <paramref name="index"/>: rlp(index).</summary>
    public static byte[] KeyOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return RlpCodec.EncodeUInt64((ulong)index);
    }
}
