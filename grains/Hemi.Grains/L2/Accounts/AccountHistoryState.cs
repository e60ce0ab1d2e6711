namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// The persisted part of an account's read model: its newest transactions (newest first) and the last block they
/// cover. Balance and nonce are not stored: the sequencer's state is their truth and seeds them on activation.
/// </summary>
public sealed class AccountHistoryState
{
    /// <summary>The last block whose entries are in <see cref="Transactions"/> (null: none applied yet).</summary>
    public ulong? ThroughBlock { get; set; }

    /// <summary>The newest transactions, newest first, at most <see cref="AccountGrain.HistoryLimit"/>.</summary>
    public List<StoredAccountTransaction> Transactions { get; set; } = [];
}
