using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime;
using Hemi.Protocol.L2.Fees;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// One L2 account (key: lower-case 0x address). Checks what can be checked without the chain state (signer, chain id,
/// type, size, intrinsic gas, a nonce already below the read model) before forwarding a transaction to the sequencer,
/// which checks nonce, fee and balance against the state it builds on as it admits it — one grain call per
/// transaction. It keeps a read model (balance, nonce, bounded history) that sealed blocks update idempotently.
/// </summary>
/// <remarks>
/// The history is durable: it is stored (<see cref="AccountHistoryState"/>) when it first gets an entry, then at most
/// every <see cref="PersistInterval"/> and on deactivation. Activation restores it, seeds balance and nonce from the
/// sequencer, and reads the blocks sealed since the stored record from their block grains (at most
/// <see cref="MaxCatchUpBlocks"/>), so updates lost with a silo, or sealed while the grain was inactive, are not missing.
/// An account without a stored record starts its history at activation: the sequencer pushes every touched account the
/// block that touched it, and re-pushes the blocks it replays after a restart.
/// </remarks>
public sealed partial class AccountGrain(
    IOptions<SequencerOptions> options,
    SequencerAdmissionBatcher batcher,
    [PersistentState("account-history")] IPersistentState<AccountHistoryState> stored,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>The newest transactions kept in the history.</summary>
    public const int HistoryLimit = 1000;

    /// <summary>The most blocks an activation reads to catch its history up with the chain.</summary>
    public const int MaxCatchUpBlocks = 1000;

    /// <summary>How long history changes may stay unwritten while the grain is active.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(60);

    private readonly SequencerOptions _options = options.Value;
    private AccountReadModel _model = null!;
    private bool _dirty;
    private IGrainTimer? _persistTimer;
    private ISequencerGrain? _sequencer;

    private ISequencerGrain Sequencer => _sequencer ??= GrainFactory.GetGrain<ISequencerGrain>((long)_options.ChainId);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!Address.TryParse(key, out var address) || !string.Equals(address.ToLowerHexString(), key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An account grain's key is a lower-case 0x address, not '{key}'.");
        }

        _model = new AccountReadModel(address, HistoryLimit);
        RestoreStoredHistory();
        var snapshot = await Sequencer.GetAccountAsync(address, null);
        _model.Seed(snapshot.BlockNumber, snapshot.Balance, snapshot.Nonce);
        if (stored.RecordExists)
        {
            await CatchUpHistoryAsync(snapshot.BlockNumber);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _persistTimer?.Dispose();
        _persistTimer = null;
        await PersistAsync();
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

        var size = transaction.Transaction.EncodedLength;
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
    public async Task ApplyBlockAsync(AccountBlockUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (_model.Apply(update) && update.Transactions.Count > 0)
        {
            await HistoryChangedAsync();
        }
    }

    /// <inheritdoc />
    public Task<AccountView> GetAsync() => Task.FromResult(_model.ToView());

    /// <inheritdoc />
    public Task<IReadOnlyList<AccountTransactionEntry>> GetHistoryAsync(int skip, int take) => Task.FromResult(_model.History(skip, take));

    private void RestoreStoredHistory()
    {
        if (!stored.RecordExists)
        {
            return;
        }

        try
        {
            if (stored.State?.Transactions is not { } transactions || transactions.Any(t => t is null))
            {
                throw new FormatException("The stored history has no transaction list or an empty entry.");
            }

            _model.RestoreHistory(stored.State.ThroughBlock, [.. transactions.Select(t => t.ToEntry())]);
        }
        catch (FormatException e)
        {
            // A damaged record is rebuilt from the chain as far as catch-up reaches, never served.
            LogStoredHistoryDamaged(logger, _model.Address, e);
            _model.RestoreHistory(null, []);
        }
    }

    private async Task CatchUpHistoryAsync(ulong head)
    {
        var from = (_model.HistoryThrough ?? 0) + 1;
        if (from > head)
        {
            return;
        }

        if (head - from + 1 > MaxCatchUpBlocks)
        {
            LogHistoryGap(logger, _model.Address, from, head - MaxCatchUpBlocks);
            from = head - MaxCatchUpBlocks + 1;
        }

        for (var number = from; number <= head; number++)
        {
            var block = await GrainFactory.GetGrain<IBlockGrain>((long)number).GetBlockAsync();
            if (block is null)
            {
                break;
            }

            var entries = AccountBlockEntries.Of(block, only: _model.Address).GetValueOrDefault(_model.Address) ?? [];
            _dirty |= _model.AddHistory(number, entries);
        }

        // Stored even when no entry was found, so that the next activation does not read the same blocks again.
        await PersistAsync();
    }

    private async Task HistoryChangedAsync()
    {
        _dirty = true;
        if (!stored.RecordExists)
        {
            // The first entry is stored at once, so that a restart knows to catch up from here.
            await PersistAsync();
            return;
        }

        // Spread over the interval: accounts that became active together do not all write at the same moment.
        var firstDue = PersistInterval + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * PersistInterval.TotalMilliseconds / 2);
        _persistTimer ??= RegisterGrainTimer(_ => PersistAsync(), firstDue, PersistInterval);
    }

    private async Task PersistAsync()
    {
        if (!_dirty)
        {
            return;
        }

        stored.State = new AccountHistoryState
        {
            ThroughBlock = _model.HistoryThrough,
            Transactions = [.. _model.HistoryNewestFirst().Select(StoredAccountTransaction.Of)],
        };
        try
        {
            await stored.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept dirty: the next change or the deactivation tries again, and catch-up covers a silo lost meanwhile.
            LogPersistFailed(logger, _model.Address, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Address}: the stored history is damaged and is rebuilt from the chain.")]
    private static partial void LogStoredHistoryDamaged(ILogger logger, Address address, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Address}: history of blocks {First}..{Last} is not caught up (older than the catch-up window).")]
    private static partial void LogHistoryGap(ILogger logger, Address address, ulong first, ulong last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Address}: storing the history failed; retrying later.")]
    private static partial void LogPersistFailed(ILogger logger, Address address, Exception exception);
}
