using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime;
using Hemi.Protocol.L2.Fees;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// One L2 account (key: lower-case 0x address). Checks what can be checked without the chain state (signer, chain id,
/// type, size, intrinsic gas, a nonce already below the read model) before forwarding a transaction to the sequencer,
/// which checks nonce, fee and balance against the state it builds on as it admits it — one grain call per
/// transaction. It keeps an in-memory read model (balance, nonce, bounded history) that sealed blocks update
/// idempotently. The read model is seeded from the sequencer on activation; the history covers the blocks pushed since.
/// </summary>
public sealed class AccountGrain(IOptions<SequencerOptions> options, SequencerAdmissionBatcher batcher) : Grain, IAccountGrain
{
    /// <summary>The newest transactions kept in the history.</summary>
    public const int HistoryLimit = 1000;

    private readonly SequencerOptions _options = options.Value;
    private AccountReadModel _model = null!;

    private ISequencerGrain Sequencer => GrainFactory.GetGrain<ISequencerGrain>((long)_options.ChainId);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!Address.TryParse(key, out var address) || !string.Equals(address.ToLowerHexString(), key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An account grain's key is a lower-case 0x address, not '{key}'.");
        }

        _model = new AccountReadModel(address, HistoryLimit);
        var snapshot = await Sequencer.GetAccountAsync(address, null);
        _model.Seed(snapshot.BlockNumber, snapshot.Balance, snapshot.Nonce);
    }

    /// <inheritdoc />
    public async Task<Hash32> SubmitAsync(SubmittedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Sender != _model.Address)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.InvalidSignature, $"The transaction is signed by {transaction.Sender}, not by {_model.Address}.");
        }

        var tx = transaction.Transaction.Transaction;
        if (tx.ChainId is not { } chainId)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.WrongChainId, $"The transaction has no EIP-155 chain id; this chain is {_options.ChainId}.");
        }

        if (chainId != _options.ChainId)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.WrongChainId, $"The transaction is for chain {chainId}; this chain is {_options.ChainId}.");
        }

        if (tx.To is null)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.Unsupported, "Contract creation is not supported.");
        }

        var size = tx.Encode().Length;
        if (size > _options.MaxTransactionSize)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.Malformed, $"The transaction is {size} bytes, above the {_options.MaxTransactionSize}-byte limit.");
        }

        var intrinsic = GasSchedule.IntrinsicGas(tx);
        if (tx.GasLimit < intrinsic)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.IntrinsicGasTooLow, $"Gas limit {tx.GasLimit} is below the intrinsic gas {intrinsic}.");
        }

        if (tx.GasLimit > _options.GasLimit)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.GasLimitExceeded, $"Gas limit {tx.GasLimit} exceeds the block gas limit {_options.GasLimit}.");
        }

        if (tx.Nonce < _model.Nonce)
        {
            // The read model only lags the chain, so a nonce below it is certainly used.
            throw new TransactionRejectedException(TransactionRejectionReason.NonceTooLow, $"Nonce {tx.Nonce} is too low: the account nonce is {_model.Nonce}.");
        }

        // Nonce, fee and balance against the latest state are checked by the sequencer as it admits the transaction,
        // together with the other accounts' transactions of the moment.
        return await batcher.AdmitAsync(Sequencer, transaction);
    }

    /// <inheritdoc />
    public Task ApplyBlockAsync(AccountBlockUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _model.Apply(update);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AccountView> GetAsync() => Task.FromResult(_model.ToView());

    /// <inheritdoc />
    public Task<IReadOnlyList<AccountTransactionEntry>> GetHistoryAsync(int skip, int take) => Task.FromResult(_model.History(skip, take));
}
