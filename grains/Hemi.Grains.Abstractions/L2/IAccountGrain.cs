using Hemi.Ethereum;
using Hemi.Grains.Runtime;

namespace Hemi.Grains.L2;

/// <summary>
/// One L2 account (key: lower-case 0x address): checks its transactions (chain id, nonce, balance, fee) before
/// forwarding them to the sequencer, and keeps a read model of balance, nonce and transaction history that sealed
/// blocks update idempotently (by block number).
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Checks a transaction sent by this account and forwards it to the sequencer; returns its hash. Throws <see cref="TransactionRejectedException"/>.</summary>
    Task<Hash32> SubmitAsync(SubmittedTransaction transaction);

    /// <summary>Applies a sealed block's effects on this account; a block at or below the last applied one is ignored.</summary>
    Task ApplyBlockAsync(AccountBlockUpdate update);

    /// <summary>The read model: balance, nonce and the last block applied.</summary>
    [ReadOnly]
    Task<AccountView> GetAsync();

    /// <summary>The account's transactions, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AccountTransactionEntry>> GetHistoryAsync(int skip, int take);
}
