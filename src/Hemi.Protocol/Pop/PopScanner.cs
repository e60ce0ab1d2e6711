using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Protocol.Pop;

/// <summary>
/// Finds PoP publications the way TBC's keystone indexer does: every output of every non-coinbase
/// transaction that parses as a PoP payload.
/// </summary>
public static class PopScanner
{
    /// <summary>All PoP outputs of a block, in block order.</summary>
    public static IReadOnlyList<PopPublication> Scan(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var found = new List<PopPublication>();
        var transactions = block.Transactions;
        for (var i = 0; i < transactions.Count; i++)
        {
            if (i == 0 && transactions[i].IsCoinbase)
            {
                continue;
            }

            ScanTransaction(transactions[i], i, found);
        }

        return found;
    }

    /// <summary>The PoP outputs of one transaction (none for a coinbase).</summary>
    public static IReadOnlyList<PopPublication> Scan(Transaction transaction, int transactionIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var found = new List<PopPublication>();
        if (!transaction.IsCoinbase)
        {
            ScanTransaction(transaction, transactionIndex, found);
        }

        return found;
    }

    private static void ScanTransaction(Transaction transaction, int transactionIndex, List<PopPublication> found)
    {
        var outputs = transaction.Outputs;
        Ethereum.Address? reward = null;
        var rewardResolved = false;
        for (var o = 0; o < outputs.Count; o++)
        {
            if (!PopPayload.TryParseScript(outputs[o].ScriptPubKey, out var keystone))
            {
                continue;
            }

            if (!rewardResolved)
            {
                // Key parsing costs a curve operation: do it once per transaction, and only for PoP transactions.
                reward = transaction.Inputs.Count > 0 ? PopRewardAddress.TryGetAddress(transaction.Inputs[0].ScriptSig) : null;
                rewardResolved = true;
            }

            found.Add(new PopPublication(transaction.GetTxId(), transactionIndex, o, keystone!, reward));
        }
    }
}
