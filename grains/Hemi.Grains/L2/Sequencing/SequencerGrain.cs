using System.Numerics;
using System.Runtime.ExceptionServices;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Node;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;
using Hemi.Ethereum.Trie;
using Hemi.Grains.Chain;
using Hemi.Grains.Hvm;
using Hemi.Grains.L2.Storage;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.Genesis;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>
/// The Bitcoin-Secure Sequencer: the only writer of one L2 chain. It holds the world state of the head in memory (trie
/// nodes of every block since its base snapshot, so older states stay readable), queues admitted transactions and seals
/// blocks: the 0x7C Bitcoin attributes transaction first, the 0x7D PoP payout where one is due, then user transactions
/// by tip and nonce. A block is written create-only before anything about it is acknowledged; finding it already
/// written means another activation sealed it, and this one stops (fenced) and deactivates.
/// </summary>
/// <remarks>
/// Activation rebuilds the head: genesis from the options, then the latest snapshot whose root matches its block, then
/// every later stored block re-executed with <see cref="L2BlockBuilder"/> and checked against the stored header hash
/// (state, transactions and receipts roots included). Lookups by hash (block hash → number, transaction hash → block and
/// index) are answered from memory (<see cref="SealedHashIndex"/>): activation fills it from the stored hash index
/// segments, the block records no valid segment covers and the replayed blocks; each snapshot first stores one segment
/// for the blocks sealed since the previous one. Nothing is written per transaction.
/// </remarks>
[KeepAlive]
public sealed partial class SequencerGrain : Grain, ISequencerGrain
{
    private const int MaxDroppedRemembered = 10_000;
    private const int MaxForkSearchHeaders = 100;

    private static readonly ParallelOptions s_rootsInParallel = new() { TaskScheduler = TaskScheduler.Default };

    private readonly SequencerOptions _options;
    private readonly IObjectStore _store;
    private readonly IBitcoinSource? _bitcoinSource;
    private readonly IHvmBitcoinIndexProvider? _hvmIndexes;
    private readonly TimeProvider _time;
    private readonly ILogger<SequencerGrain> _logger;
    private readonly GenerationalTrieNodeStore _nodes = new();
    private readonly Dictionary<ulong, L2BlockHeader> _headers = [];
    private readonly Dictionary<ulong, Hash32> _hashes = [];
    private readonly SealedHashIndex _index = new();
    private readonly Dictionary<Hash32, string> _dropped = [];
    private readonly Queue<Hash32> _droppedOrder = new();
    private readonly TransactionPool _pool;

    private NativeExecutionEngine _engine = null!;
    private WorldState _state = null!;
    private L2BlockHeader _head = null!;
    private Hash32 _headHash;
    private ulong _baseNumber;
    private ulong _oldestHeldState;
    private ulong _lastRotation;
    private BitcoinAnchor? _bitcoinTip;
    private uint? _firstHvmHeight;
    private bool _fenced;
    private bool _started;
    private int _admittedSinceSeal;
    private (L2BlockHeader Parent, BigInteger BaseFee)? _nextBaseFee;
    private IGrainTimer? _timer;
    private IGrainTimer? _earlySealTimer;

    public SequencerGrain(IOptions<SequencerOptions> options, IServiceProvider services, ILogger<SequencerGrain> logger)
    {
        _options = options.Value;
        _options.Validate();
        _store = services.GetRequiredKeyedService<IObjectStore>(_options.ObjectStoreName);
        _bitcoinSource = services.GetService<IBitcoinSource>();
        _hvmIndexes = services.GetService<IHvmBitcoinIndexProvider>();
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = logger;
        _pool = new TransactionPool(_options.MaxPoolSize);
    }

    private ulong ChainId => _options.ChainId;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyLong();
        if (key < 0 || (ulong)key != _options.ChainId)
        {
            throw new InvalidOperationException($"The sequencer of chain {key} was activated but this silo sequences chain {_options.ChainId}.");
        }

        var genesis = _options.ToGenesis();
        _engine = genesis.CreateEngine();
        var genesisBlock = genesis.Build(_nodes);
        await EnsureGenesisStoredAsync(genesisBlock, cancellationToken);
        RegisterHeader(genesisBlock.Header);
        _index.AddUnsegmented(0, genesisBlock.Header.Hash);

        var (baseHeader, state) = await LoadLatestSnapshotAsync(genesisBlock, cancellationToken);
        _state = state;
        _head = baseHeader;
        _headHash = HashOf(baseHeader);
        _baseNumber = baseHeader.Number;
        _oldestHeldState = baseHeader.Number;
        _lastRotation = baseHeader.Number;
        RegisterHeader(baseHeader);
        await LoadHashIndexAsync(cancellationToken);
        await ReplayStoredBlocksAsync(cancellationToken);
        await RestoreBitcoinAnchorAsync();
        LogActivated(_logger, ChainId, _head.Number, _baseNumber);
        await ResubmitLatestKeystoneAsync();
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        _earlySealTimer?.Dispose();
        _earlySealTimer = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ChainHead> StartAsync()
    {
        ThrowIfFenced();
        _started = true;
        if (_timer is null && _options.BlockInterval > TimeSpan.Zero)
        {
            _timer = RegisterGrainTimer(
                TickAsync,
                new GrainTimerCreationOptions(_options.BlockInterval, _options.BlockInterval) { KeepAlive = true });
        }

        return Task.FromResult(Head());
    }

    /// <inheritdoc />
    public Task<Hash32> AdmitAsync(SubmittedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ThrowIfFenced();
        Admit(transaction);
        return Task.FromResult(transaction.Hash);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AdmissionOutcome>> AdmitBatchAsync(IReadOnlyList<SubmittedTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ThrowIfFenced();
        var outcomes = new AdmissionOutcome[transactions.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var transaction = transactions[i] ?? throw new ArgumentException("A batch holds no null transaction.", nameof(transactions));
            try
            {
                Admit(transaction);
                outcomes[i] = new AdmissionOutcome(transaction.Hash, null, null);
            }
            catch (TransactionRejectedException e)
            {
                outcomes[i] = new AdmissionOutcome(transaction.Hash, e.Reason, e.Message);
            }
        }

        return Task.FromResult<IReadOnlyList<AdmissionOutcome>>(outcomes);
    }

    /// <exception cref="TransactionRejectedException">Refused; nothing queued.</exception>
    private void Admit(SubmittedTransaction transaction)
    {
        var tx = transaction.Transaction.Transaction;
        if (_index.ContainsTransaction(transaction.Hash))
        {
            throw new TransactionRejectedException(TransactionRejectionReason.AlreadyKnown, $"Transaction {transaction.Hash} is already sealed.");
        }

        if (tx.ChainId != ChainId)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.WrongChainId, $"The transaction is for chain {tx.ChainId?.ToString() ?? "(none)"}, this chain is {ChainId}.");
        }

        var account = _state.GetAccount(transaction.Sender);
        var nonce = account.Nonce;
        if (tx.Nonce < nonce)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.NonceTooLow, $"Nonce {tx.Nonce} is too low: the account nonce is {nonce}.");
        }

        var pending = _pool.PendingNonce(transaction.Sender, nonce);
        if (tx.Nonce > pending + _options.MaxNonceGap)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.NonceTooHigh, $"Nonce {tx.Nonce} is too far ahead of the pending nonce {pending}.");
        }

        if (tx.GasLimit > _options.GasLimit)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.GasLimitExceeded, $"Gas limit {tx.GasLimit} exceeds the block gas limit {_options.GasLimit}.");
        }

        // Checked here, against the state the block will be built on, rather than by the account grain from a copy it
        // fetched: one call per transaction, and no window between the check and the admission.
        var (feeCap, tipCap) = FeeCaps(tx);
        if (tipCap > feeCap)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.FeeTooLow, "maxPriorityFeePerGas exceeds maxFeePerGas.");
        }

        var nextBaseFee = NextBaseFeeOfHead();
        if (feeCap < nextBaseFee)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.FeeTooLow, $"Fee cap {feeCap} is below the next block's base fee {nextBaseFee}.");
        }

        var cost = (feeCap * tx.GasLimit) + tx.Value;
        if (account.Balance < cost)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.InsufficientFunds, $"Insufficient funds: balance {account.Balance} is below gas × fee cap + value = {cost}.");
        }

        _pool.Add(transaction);

        // Only what the next block can run counts towards an early seal: a nonce that arrived ahead of its predecessor
        // (ingress workers race) waits, and counts, together with the queued ones behind it, when the gap is filled.
        _admittedSinceSeal += (int)(_pool.PendingNonce(transaction.Sender, nonce) - pending);
        if (_options.MinBlockTransactions > 0 && _admittedSinceSeal >= _options.MinBlockTransactions && _started)
        {
            // A timer turn, queued behind the calls already waiting: admissions keep arriving while the block is built.
            _earlySealTimer ??= RegisterGrainTimer(EarlySealAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            _earlySealTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private static (BigInteger FeeCap, BigInteger TipCap) FeeCaps(EthereumTransaction tx) => tx switch
    {
        DynamicFeeTransaction d => (d.MaxFeePerGas, d.MaxPriorityFeePerGas),
        LegacyTransaction l => (l.GasPrice, l.GasPrice),
        AccessListTransaction a => (a.GasPrice, a.GasPrice),
        _ => throw new TransactionRejectedException(TransactionRejectionReason.Unsupported, $"Transaction type {tx.Type} is not supported."),
    };

    /// <inheritdoc />
    public async Task<ChainHead> SealBlockAsync()
    {
        ThrowIfFenced();
        await SealNextBlockAsync();
        return Head();
    }

    /// <inheritdoc />
    public Task<ChainHead> GetHeadAsync() => Task.FromResult(Head());

    /// <inheritdoc />
    public Task<ulong?> GetBlockNumberAsync(Hash32 blockHash) =>
        Task.FromResult(_index.TryGetBlockNumber(blockHash, out var number) ? number : (ulong?)null);

    /// <inheritdoc />
    public Task<TransactionLocation?> GetTransactionLocationAsync(Hash32 transactionHash)
    {
        if (_pool.Contains(transactionHash))
        {
            return Task.FromResult<TransactionLocation?>(new TransactionLocation(transactionHash, null, -1));
        }

        return Task.FromResult(_index.TryGetTransaction(transactionHash, out var location)
            ? new TransactionLocation(transactionHash, location.Number, location.Index)
            : null);
    }

    /// <inheritdoc />
    public Task<SubmittedTransaction?> GetPendingTransactionAsync(Hash32 transactionHash) =>
        Task.FromResult(_pool.Get(transactionHash)?.Submitted);

    /// <inheritdoc />
    public Task<ulong> GetPendingNonceAsync(Address address) =>
        Task.FromResult(_pool.PendingNonce(address, _state.GetNonce(address)));

    /// <inheritdoc />
    public Task<AccountSnapshot> GetAccountAsync(Address address, ulong? blockNumber)
    {
        var (number, state) = StateAt(blockNumber);
        var account = state.GetAccount(address);
        return Task.FromResult(new AccountSnapshot(address, number, account.Balance, account.Nonce, account.CodeHash, state.GetCode(address)));
    }

    /// <inheritdoc />
    public Task<Hash32> GetStorageAtAsync(Address address, Hash32 slot, ulong? blockNumber)
    {
        var (_, state) = StateAt(blockNumber);
        return Task.FromResult(StorageSlots.FromInteger(state.GetStorage(address, slot)));
    }

    /// <inheritdoc />
    public Task<AccountProof> GetProofAsync(Address address, IReadOnlyList<Hash32> storageKeys, ulong? blockNumber)
    {
        ArgumentNullException.ThrowIfNull(storageKeys);
        var (_, state) = StateAt(blockNumber);
        return Task.FromResult(state.GetProof(address, storageKeys));
    }

    /// <inheritdoc />
    public Task<CallOutcome> CallAsync(CallRequest request, ulong? blockNumber)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, state) = StateAt(blockNumber);
        if (request.To is not { } to)
        {
            return Task.FromResult(new CallOutcome(false, [], 0, "contract creation is not supported"));
        }

        var data = request.Data ?? [];
        var intrinsic = GasSchedule.IntrinsicGas(data, isContractCreation: false, []);
        var result = _engine.SimulateCall(state, request.From ?? Address.Zero, to, data, request.Value, BitcoinViewOf(state));
        var gasUsed = intrinsic + result.Gas;
        if (result.Succeeded && request.Gas is { } gas && gasUsed > gas)
        {
            return Task.FromResult(new CallOutcome(false, [], gas, "out of gas"));
        }

        return Task.FromResult(new CallOutcome(result.Succeeded, result.ReturnData, gasUsed, result.Succeeded ? null : result.RevertReason ?? "execution reverted"));
    }

    /// <inheritdoc />
    public Task<ulong> EstimateGasAsync(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, state) = StateAt(null);
        if (request.To is null)
        {
            throw new CallRevertedException("contract creation is not supported", []);
        }

        var estimate = _engine.EstimateGas(state, request.From ?? Address.Zero, request.To, request.Data ?? [], request.Value, null, BitcoinViewOf(state));
        if (!estimate.Succeeded)
        {
            throw new CallRevertedException(estimate.Call.RevertReason ?? "execution reverted", estimate.Call.ReturnData);
        }

        if (request.Gas is { } cap && estimate.Gas > cap)
        {
            throw new CallRevertedException($"gas required exceeds allowance ({cap})", []);
        }

        return Task.FromResult(estimate.Gas);
    }

    private async Task EarlySealAsync(CancellationToken cancellationToken)
    {
        // Re-checked: the block timer or SealBlockAsync may have sealed since this turn was queued.
        if (_options.MinBlockTransactions > 0 && _admittedSinceSeal >= _options.MinBlockTransactions)
        {
            await TickAsync(cancellationToken);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (_fenced)
        {
            return;
        }

        try
        {
            await SealNextBlockAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The timer keeps producing blocks; the next tick retries (a fenced activation is deactivating).
            LogSealFailed(_logger, ChainId, _head.Number + 1, e);
        }
    }

    private ChainHead Head() => new(ChainId, _head.Number, _headHash, _head.Timestamp, _head.GasLimit, NextBaseFeeOfHead());

    // Every admission compares against it; BigInteger arithmetic once per head rather than once per transaction.
    private BigInteger NextBaseFeeOfHead()
    {
        if (_nextBaseFee is not { } known || !ReferenceEquals(known.Parent, _head))
        {
            known = (_head, NextBaseFee(_head));
            _nextBaseFee = known;
        }

        return known.BaseFee;
    }

    private static BigInteger NextBaseFee(L2BlockHeader parent) =>
        parent.BaseFeePerGas is { } baseFee ? BaseFee.Next(parent.GasLimit, parent.GasUsed, baseFee) : BaseFee.Initial;

    private void ThrowIfFenced()
    {
        if (_fenced)
        {
            throw new InconsistentStateException($"The sequencer of chain {ChainId} lost its fence: another activation sealed block {_head.Number + 1}.");
        }
    }

    private async Task SealNextBlockAsync()
    {
        var parent = _head;
        var number = parent.Number + 1;
        var now = (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds());
        var context = new BlockContext(number, Math.Max(now, parent.Timestamp + 1), _options.Coinbase, NextBaseFee(parent), _options.GasLimit, ChainId);

        var (attributes, newAnchor) = await BuildAttributesAsync();
        var payout = await BuildPayoutAsync(number);

        var transactions = new List<L2Transaction>();
        var hashes = new List<Hash32>();
        var results = new List<TransactionResult>();
        var included = new List<PooledTransaction>();
        SealedL2Block block;
        byte[] encoded;
        var full = false;
        try
        {
            ulong gasUsed = 0;
            ApplySystem(attributes);
            if (payout is not null)
            {
                ApplySystem(payout);
            }

            SelectUserTransactions(context, transactions, hashes, results, included, ref gasUsed, out full);

            var receipts = results.Select(r => r.Receipt).ToArray();
            var body = EncodedBlockBody.Encode(transactions, receipts, TaskScheduler.Default);

            // The three roots are independent. On the default scheduler (the activation's own would run them one after the
            // other on this turn); Parallel.Invoke runs here whatever the pool has not picked up, so a pool busy recovering
            // signatures never delays the seal. The world state is still used by one thread at a time.
            var stateRoot = default(Hash32);
            var transactionsRoot = default(Hash32);
            var receiptsRoot = default(Hash32);
            try
            {
                Parallel.Invoke(
                    s_rootsInParallel,
                    () => stateRoot = _state.StateRoot,
                    () => transactionsRoot = body.TransactionsRoot(),
                    () => receiptsRoot = body.ReceiptsRoot());
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
            }

            var header = new L2BlockHeader
            {
                ParentHash = _headHash,
                Coinbase = context.Coinbase,
                StateRoot = stateRoot,
                TransactionsRoot = transactionsRoot,
                ReceiptsRoot = receiptsRoot,
                LogsBloom = BlockRoots.LogsBloom(receipts),
                Number = number,
                GasLimit = context.GasLimit,
                GasUsed = gasUsed,
                Timestamp = context.Timestamp,
                MixHash = newAnchor is { } anchor ? new Hash32(anchor.Hash.ToInternalBytes()) : parent.MixHash,
                BaseFeePerGas = context.BaseFee,
            };
            block = new SealedL2Block(header, transactions, new BlockExecutionResult(results, gasUsed, header.LogsBloom, stateRoot));
            encoded = SealedBlockCodec.Encode(block, body);
        }
        catch
        {
            ResetLiveState();
            throw;
        }

        bool created;
        try
        {
            created = await _store.PutIfAbsentAsync(L2ObjectKeys.Block(ChainId, number), encoded);
        }
        catch
        {
            ResetLiveState();
            throw;
        }

        if (!created)
        {
            _fenced = true;
            _timer?.Dispose();
            _timer = null;
            ResetLiveState();
            DeactivateOnIdle();
            LogFenced(_logger, ChainId, number);
            throw new InconsistentStateException($"Block {number} of chain {ChainId} was already written by another sequencer activation; this one stops.");
        }

        // Durable: from here on the block is the chain.
        _state.Commit();
        var blockHash = RegisterHeader(block.Header);
        _head = block.Header;
        _headHash = blockHash;
        if (newAnchor is not null)
        {
            _bitcoinTip = newAnchor;
        }

        _index.Add(new HashIndexedBlock(number, blockHash, hashes));
        foreach (var pooled in included)
        {
            _pool.Remove(pooled.Submitted.Hash);
        }

        // A full block leaves work queued: the next early seal may follow at once (it cannot be tiny); otherwise wait for
        // a new batch of admissions.
        _admittedSinceSeal = full ? RunnableQueued() : 0;
        if (full && _options.MinBlockTransactions > 0 && _admittedSinceSeal >= _options.MinBlockTransactions && _started)
        {
            _earlySealTimer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        if (_options.PushAccountUpdates)
        {
            PushAccountUpdates(block, blockHash, hashes);
        }

        LogSealed(_logger, ChainId, number, transactions.Count, block.Header.GasUsed);
        if (KeystoneBuilder.IsKeystone(number, _options.KeystonePeriod))
        {
            await SubmitKeystoneAsync(block.Header);
        }

        if (number % _options.SnapshotInterval == 0)
        {
            await WriteSnapshotAsync(block.Header);
        }

        void ApplySystem(SystemTransaction system)
        {
            // A system transaction that fails makes the block invalid: nothing is sealed, the state is reset.
            var result = _engine.ApplyTransaction(_state, system, context, 0);
            transactions.Add(system);
            hashes.Add(system.Hash);
            results.Add(result);
        }
    }

    private void SelectUserTransactions(
        BlockContext context,
        List<L2Transaction> transactions,
        List<Hash32> hashes,
        List<TransactionResult> results,
        List<PooledTransaction> included,
        ref ulong gasUsed,
        out bool full)
    {
        full = false;
        // One candidate per sender (its next nonce), best tip first, earliest arrival on ties.
        var candidates = new PriorityQueue<PooledTransaction, (BigInteger Tip, long Sequence)>(TipOrder.Instance);
        var stale = new List<PooledTransaction>();
        foreach (var sender in _pool.Senders)
        {
            var nonce = _state.GetNonce(sender);
            foreach (var pooled in _pool.BySender(sender))
            {
                if (pooled.Nonce < nonce)
                {
                    stale.Add(pooled);
                    continue;
                }

                if (pooled.Nonce == nonce)
                {
                    candidates.Enqueue(pooled, (pooled.EffectiveTip(context.BaseFee), pooled.Sequence));
                }

                break;
            }
        }

        foreach (var pooled in stale)
        {
            Drop(pooled, $"nonce {pooled.Nonce} was already used");
        }

        var userCount = 0;
        while (candidates.TryDequeue(out var pooled, out var priority))
        {
            if (context.GasLimit - gasUsed < GasSchedule.TransactionBase || userCount == _options.MaxBlockTransactions)
            {
                full = true;
                break;
            }

            if (priority.Tip.Sign < 0 || pooled.Transaction.GasLimit > context.GasLimit - gasUsed)
            {
                // Underpriced for this base fee or too big for what is left: it waits for a later block.
                continue;
            }

            TransactionResult result;
            try
            {
                // The ingress recovered the sender from this very object under this chain id: no second recovery.
                result = _engine.ApplyTransaction(_state, pooled.Submitted.Transaction, pooled.Submitted.Sender, context, gasUsed);
            }
            catch (ExecutionException e) when (e.Error is ExecutionError.NonceTooHigh or ExecutionError.BlockGasLimitReached or ExecutionError.FeeCapBelowBaseFee)
            {
                continue;
            }
            catch (ExecutionException e)
            {
                Drop(pooled, e.Message);
                continue;
            }

            transactions.Add(pooled.Submitted.Transaction);
            hashes.Add(pooled.Submitted.Hash);
            results.Add(result);
            included.Add(pooled);
            userCount++;
            gasUsed = result.Receipt.CumulativeGasUsed;
            foreach (var next in _pool.BySender(pooled.Submitted.Sender))
            {
                if (next.Nonce == pooled.Nonce + 1)
                {
                    candidates.Enqueue(next, (next.EffectiveTip(context.BaseFee), next.Sequence));
                    break;
                }
            }
        }
    }

    /// <summary>Queued transactions the next block could run: per sender, the nonces contiguous from the account's.</summary>
    private int RunnableQueued()
    {
        var runnable = 0UL;
        foreach (var sender in _pool.Senders)
        {
            var nonce = _state.GetNonce(sender);
            runnable += _pool.PendingNonce(sender, nonce) - nonce;
        }

        return (int)Math.Min(runnable, int.MaxValue);
    }

    private void Drop(PooledTransaction pooled, string reason)
    {
        var hash = pooled.Submitted.Hash;
        _pool.Remove(hash);
        if (_dropped.TryAdd(hash, reason))
        {
            _droppedOrder.Enqueue(hash);
            if (_droppedOrder.Count > MaxDroppedRemembered)
            {
                _dropped.Remove(_droppedOrder.Dequeue());
            }
        }

        LogDropped(_logger, hash, reason);
    }

    /// <summary>Why a queued transaction was dropped without being sealed (the latest <see cref="MaxDroppedRemembered"/>), or null.</summary>
    internal string? DropReason(Hash32 hash) => _dropped.GetValueOrDefault(hash);

    private void ResetLiveState() => _state = new WorldState(_nodes, _head.StateRoot);

    private (ulong Number, WorldState State) StateAt(ulong? blockNumber)
    {
        var number = blockNumber ?? _head.Number;
        if (number > _head.Number)
        {
            throw new StateUnavailableException(number, $"Block {number} is not sealed yet (head {_head.Number}).");
        }

        if (number < _oldestHeldState || !_headers.TryGetValue(number, out var header))
        {
            throw new StateUnavailableException(number, $"The state of block {number} is not held (this sequencer holds blocks {_oldestHeldState}..{_head.Number}).");
        }

        if (header.StateRoot != PatriciaTrie.EmptyRootHash && !_nodes.TryGet(header.StateRoot, out _))
        {
            throw new StateUnavailableException(number, $"The state of block {number} is not held.");
        }

        return (number, new WorldState(_nodes, header.StateRoot));
    }

    private HvmStateBitcoinView? BitcoinViewOf(WorldState state) =>
        _firstHvmHeight is { } first && Network.TryGetByName(_options.BitcoinNetwork, out var network)
            // With the hVM Bitcoin index registered, transaction/UTXO precompiles (0x40–0x43) answer from it, pinned
            // to the header the state recorded; without it only the header precompiles work.
            ? _hvmIndexes?.GetIndex(network.Name).CreateStateView(state, first) ?? new HvmStateBitcoinView(state, first, network)
            : null;

    private Hash32 RegisterHeader(L2BlockHeader header)
    {
        var hash = HashOf(header);
        _headers[header.Number] = header;
        _hashes[header.Number] = hash;
        return hash;
    }

    private Hash32 HashOf(L2BlockHeader header) =>
        _hashes.TryGetValue(header.Number, out var known) && ReferenceEquals(_headers.GetValueOrDefault(header.Number), header) ? known : header.Hash;

    private async Task<L2BlockHeader?> HeaderAtAsync(ulong number)
    {
        if (_headers.TryGetValue(number, out var header))
        {
            return header;
        }

        var stored = await _store.GetAsync(L2ObjectKeys.Block(ChainId, number));
        return stored is null ? null : SealedBlockCodec.Decode(stored).Header;
    }

    private sealed class TipOrder : IComparer<(BigInteger Tip, long Sequence)>
    {
        public static readonly TipOrder Instance = new();

        public int Compare((BigInteger Tip, long Sequence) x, (BigInteger Tip, long Sequence) y)
        {
            var byTip = y.Tip.CompareTo(x.Tip);
            return byTip != 0 ? byTip : x.Sequence.CompareTo(y.Sequence);
        }
    }

    /// <summary>A Bitcoin block the chain has committed to (height −1 when the source does not know it).</summary>
    private sealed record BitcoinAnchor(int Height, Hash256 Hash);
}
