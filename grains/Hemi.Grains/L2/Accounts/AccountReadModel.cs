using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// An account's balance, nonce and newest-first transaction history as of the last block applied. Applying a block at
/// or below that one changes nothing, so repeated or reordered pushes from the sequencer are harmless.
/// </summary>
internal sealed class AccountReadModel(Address address, int historyLimit)
{
    private readonly LinkedList<AccountTransactionEntry> _history = new();
    private ulong? _lastHistoryBlock;

    public Address Address { get; } = address;

    public BigInteger Balance { get; private set; }

    public ulong Nonce { get; private set; }

    public ulong? LastAppliedBlock { get; private set; }

    public int TransactionCount => _history.Count;

    /// <summary>Sets the confirmed values read from the sequencer at <paramref name="blockNumber"/> (activation).</summary>
    public void Seed(ulong blockNumber, BigInteger balance, ulong nonce)
    {
        if (LastAppliedBlock is { } last && blockNumber <= last)
        {
            return;
        }

        Balance = balance;
        Nonce = nonce;
        LastAppliedBlock = blockNumber;
    }

    /// <summary>
    /// Applies a sealed block's update. Balance and nonce move forward only (a seed from a later block wins); history
    /// entries are taken once per block, so a repeated update adds nothing.
    /// </summary>
    /// <returns>Whether the update's history was new.</returns>
    public bool Apply(AccountBlockUpdate update)
    {
        if (LastAppliedBlock is not { } last || update.BlockNumber > last)
        {
            Balance = update.Balance;
            Nonce = update.Nonce;
            LastAppliedBlock = update.BlockNumber;
        }

        return AddHistory(update.BlockNumber, update.Transactions);
    }

    /// <summary>The last block whose entries are in the history (null: none yet).</summary>
    public ulong? HistoryThrough => _lastHistoryBlock;

    /// <summary>
    /// Adds a block's entries to the history unless the history already covers that block; a block with no entries for
    /// this account still moves <see cref="HistoryThrough"/> forward (catch-up walks every block).
    /// </summary>
    /// <returns>Whether the block was new to the history.</returns>
    public bool AddHistory(ulong blockNumber, IReadOnlyList<AccountTransactionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_lastHistoryBlock is { } lastHistory && blockNumber <= lastHistory)
        {
            return false;
        }

        _lastHistoryBlock = blockNumber;
        foreach (var entry in entries.OrderBy(e => e.Index))
        {
            _history.AddFirst(entry);
            if (_history.Count > historyLimit)
            {
                _history.RemoveLast();
            }
        }

        return true;
    }

    /// <summary>Replaces the history with a stored one (newest first) covering blocks through <paramref name="through"/>.</summary>
    public void RestoreHistory(ulong? through, IReadOnlyList<AccountTransactionEntry> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        _history.Clear();
        foreach (var entry in newestFirst.Take(historyLimit))
        {
            _history.AddLast(entry);
        }

        _lastHistoryBlock = through;
    }

    /// <summary>The history, newest first.</summary>
    public IReadOnlyList<AccountTransactionEntry> HistoryNewestFirst() => [.. _history];

    public AccountView ToView() => new(Address, Balance, Nonce, LastAppliedBlock, _history.Count);

    public IReadOnlyList<AccountTransactionEntry> History(int skip, int take) =>
        _history.Skip(Math.Max(0, skip)).Take(Math.Max(0, take)).ToArray();
}
