using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.L2.Assembly;

/// <summary>The header commitments derived from a block body: transactions root, receipts root, logs bloom.</summary>
public static class BlockRoots
{
    /// <summary>The ordered trie root of the transactions' consensus encodings (keys rlp(index)).</summary>
    public static Hash32 TransactionsRoot(IReadOnlyList<L2Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return OrderedTrie.ComputeRoot(transactions.Select(t => t.Encode()).ToArray());
    }

    /// <summary>The ordered trie root of the receipts' consensus encodings.</summary>
    public static Hash32 ReceiptsRoot(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return OrderedTrie.ComputeRoot(receipts.Select(r => r.Encode()).ToArray());
    }

    /// <summary>The OR of the receipts' blooms.</summary>
    public static Bloom LogsBloom(IEnumerable<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var bloom = new Bloom();
        foreach (var receipt in receipts)
        {
            bloom.Or(receipt.Bloom);
        }

        return bloom;
    }
}
