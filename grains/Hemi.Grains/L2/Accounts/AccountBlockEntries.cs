using Hemi.Ethereum;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// The history entries a sealed block gives its accounts: each user transaction once for its sender and once for its
/// recipient. The sequencer pushes them per block; an account grain reads them back from stored blocks to catch up.
/// </summary>
public static class AccountBlockEntries
{
    /// <summary>Every account the block's user transactions touch, with its entries in block order.</summary>
    /// <param name="block">The sealed block.</param>
    /// <param name="hashes">The transaction hashes by position, when the caller has them (otherwise computed).</param>
    /// <param name="only">Collect the entries of this account only.</param>
    public static Dictionary<Address, List<AccountTransactionEntry>> Of(SealedL2Block block, IReadOnlyList<Hash32>? hashes = null, Address? only = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        var entries = new Dictionary<Address, List<AccountTransactionEntry>>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (block.Transactions[i] is not UserTransaction user)
            {
                continue;
            }

            var tx = user.Transaction;
            var from = block.Execution.Transactions[i].Sender;
            var touches = only is not { } account || from == account || tx.To == account;
            if (!touches)
            {
                continue;
            }

            var entry = new AccountTransactionEntry(hashes?[i] ?? tx.GetHash(), block.Header.Number, i, from, tx.To, tx.Value, block.Execution.Transactions[i].Receipt.Succeeded);
            Add(from, entry);
            if (tx.To is { } to && to != from)
            {
                Add(to, entry);
            }
        }

        return entries;

        void Add(Address address, AccountTransactionEntry entry)
        {
            if (only is { } single && address != single)
            {
                // The other side of a transfer is not asked for.
                return;
            }

            if (!entries.TryGetValue(address, out var list))
            {
                list = [];
                entries[address] = list;
            }

            list.Add(entry);
        }
    }
}
