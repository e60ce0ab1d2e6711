using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.L2.Assembly;

/// <summary>
/// The consensus encodings of a block's transactions and receipts, made once: the header's roots and the stored block
/// record both need them, and encoding a thousand transfers twice over showed up in the sequencer's profile.
/// </summary>
public sealed record EncodedBlockBody(IReadOnlyList<byte[]> Transactions, IReadOnlyList<byte[]> Receipts)
{
    // Below this many items the encodings are made on the calling thread: fanning out costs more than it saves.
    private const int ParallelThreshold = 256;

    /// <summary>Encodes <paramref name="transactions"/> and their <paramref name="receipts"/> (in parallel for large blocks).</summary>
    /// <param name="transactions">The block's transactions.</param>
    /// <param name="receipts">Their receipts, in the same order.</param>
    /// <param name="scheduler">Where the parallel part runs (default: the current scheduler). A caller on a scheduler that
    /// runs one item at a time, such as a grain's, passes <see cref="TaskScheduler.Default"/> to get real parallelism.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static EncodedBlockBody Encode(IReadOnlyList<L2Transaction> transactions, IReadOnlyList<Receipt> receipts, TaskScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(receipts);
        if (transactions.Count != receipts.Count)
        {
            throw new ArgumentException($"{transactions.Count} transactions but {receipts.Count} receipts.", nameof(receipts));
        }

        var encodedTransactions = new byte[transactions.Count][];
        var encodedReceipts = new byte[receipts.Count][];
        if (transactions.Count < ParallelThreshold)
        {
            for (var i = 0; i < encodedTransactions.Length; i++)
            {
                encodedTransactions[i] = transactions[i].Encode();
                encodedReceipts[i] = receipts[i].Encode();
            }
        }
        else
        {
            var options = new ParallelOptions { TaskScheduler = scheduler ?? TaskScheduler.Current };
            Parallel.For(0, encodedTransactions.Length, options, i =>
            {
                encodedTransactions[i] = transactions[i].Encode();
                encodedReceipts[i] = receipts[i].Encode();
            });
        }

        return new EncodedBlockBody(encodedTransactions, encodedReceipts);
    }

    /// <summary>The header's <c>transactionsRoot</c>: the same value as <see cref="BlockRoots.TransactionsRoot"/>.</summary>
    public Hash32 TransactionsRoot() => OrderedTrie.ComputeRoot(Transactions);

    /// <summary>The header's <c>receiptsRoot</c>: the same value as <see cref="BlockRoots.ReceiptsRoot"/>.</summary>
    public Hash32 ReceiptsRoot() => OrderedTrie.ComputeRoot(Receipts);
}
