using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Bitcoin.Node;

/// <summary>
/// An in-process Bitcoin regtest node: the real regtest genesis and consensus rules for the blocks it mines and accepts,
/// a UTXO set with undo data, a signature-checking mempool, on-demand and timer mining, invalidateblock reorgs and
/// persistence of every block to an <see cref="IObjectStore"/> (replayed by <see cref="CreateAsync"/>).
/// </summary>
public sealed partial class RegtestNode : IBitcoinSource, IAsyncDisposable
{
    /// <summary>Blocks a coinbase output must wait before it can be spent.</summary>
    public const int CoinbaseMaturity = 100;

    /// <summary>Regtest's subsidy halving interval.</summary>
    public const int SubsidyHalvingInterval = 150;

    private readonly IObjectStore _store;
    private readonly RegtestNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly HeaderChainValidator _validator;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Hash256, BlockIndexEntry> _index = [];
    private readonly List<BlockIndexEntry> _chain = [];
    private readonly Dictionary<OutPoint, UtxoEntry> _utxos = [];
    private readonly Dictionary<Hash256, (BlockIndexEntry Block, int Position)> _txIndex = [];
    private readonly Dictionary<Hash256, MempoolEntry> _mempool = [];
    private readonly Dictionary<OutPoint, Hash256> _mempoolSpends = [];
    private readonly List<Channel<TipChange>> _watchers = [];
    private long _sequence;
    private Hash256? _preferredTip;
    private ITimer? _timer;
    private bool _disposed;

    private RegtestNode(IObjectStore store, RegtestNodeOptions options, TimeProvider time)
    {
        _store = store;
        _options = options;
        _time = time;
        Network = Network.Regtest;
        _validator = new HeaderChainValidator(Network, time);
        var genesis = new BlockIndexEntry(RegtestGenesis.Create(Network), null, _sequence++);
        _index.Add(genesis.Hash, genesis);
        _chain.Add(genesis);
        genesis.Undo = [];
        genesis.FeeRates = [];
    }

    /// <summary>The network (always <see cref="Network.Regtest"/>).</summary>
    public Network Network { get; }

    /// <inheritdoc />
    public event EventHandler<TipChange>? TipChanged;

    /// <summary>
    /// Creates a node over <paramref name="store"/>, replaying the blocks and invalidations already stored there so a restart
    /// continues the same chain, and starts timer mining when <see cref="RegtestNodeOptions.BlockInterval"/> is set.
    /// </summary>
    public static async Task<RegtestNode> CreateAsync(
        IObjectStore store,
        RegtestNodeOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new RegtestNodeOptions();
        options.Validate();
        var node = new RegtestNode(store, options, timeProvider ?? TimeProvider.System);
        await node.ReplayAsync(ct).ConfigureAwait(false);
        if (options.BlockInterval is { } interval)
        {
            node._timer = node._time.CreateTimer(static state => ((RegtestNode)state!).OnMiningTimer(), node, interval, interval);
        }

        return node;
    }

    /// <inheritdoc />
    public async Task<ChainTip> GetTipAsync(CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return Tip.ToTip();
    }

    /// <inheritdoc />
    public async Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return height >= 0 && height < _chain.Count ? ToChainHeader(_chain[height]) : null;
    }

    /// <inheritdoc />
    public async Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return _index.TryGetValue(blockHash, out var entry) ? ToChainHeader(entry) : null;
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        var block = await GetBlockAsync(blockHash, ct).ConfigureAwait(false);
        return block?.ToBytes();
    }

    /// <summary>A known block (best chain or not), or <see langword="null"/>.</summary>
    public async Task<Block?> GetBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return _index.TryGetValue(blockHash, out var entry) ? entry.Block : null;
    }

    /// <summary>Whether <paramref name="blockHash"/> is known and marked invalid (invalidated or failed validation).</summary>
    public async Task<bool> IsInvalidAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return _index.TryGetValue(blockHash, out var entry) && entry.HasInvalidAncestry();
    }

    /// <inheritdoc />
    public async Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        if (_txIndex.TryGetValue(txId, out var location))
        {
            var tx = location.Block.Block.Transactions[location.Position];
            return new TransactionInfo(tx, tx.ToBytes(), location.Block.ToTip());
        }

        return _mempool.TryGetValue(txId, out var entry) ? new TransactionInfo(entry.Transaction, entry.Raw.ToArray(), null) : null;
    }

    /// <inheritdoc />
    public async Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        var txId = transaction.GetTxId();
        var rejection = TryAcceptToMempool(transaction, testOnly: false);
        if (rejection is null)
        {
            // Persisted before the answer: an accepted transaction survives a restart of the node.
            await PersistMempoolAsync(ct).ConfigureAwait(false);
        }

        return rejection is null ? BroadcastResult.Success(txId) : BroadcastResult.Failure(txId, rejection);
    }

    /// <summary>Runs every mempool check without adding the transaction (bitcoind's testmempoolaccept).</summary>
    public async Task<BroadcastResult> TestMempoolAcceptAsync(Transaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        var txId = transaction.GetTxId();
        var rejection = TryAcceptToMempool(transaction, testOnly: true);
        return rejection is null ? BroadcastResult.Success(txId) : BroadcastResult.Failure(txId, rejection);
    }

    /// <summary>The mempool's txids, highest fee rate first.</summary>
    public async Task<IReadOnlyList<Hash256>> GetMempoolAsync(CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return [.. _mempool.Values.OrderByDescending(e => e.FeeRate).ThenBy(e => e.Sequence).Select(e => e.TxId)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default)
    {
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        var result = new List<Utxo>();
        foreach (var (outPoint, coin) in _utxos)
        {
            if (coin.Output.ScriptPubKey.AsSpan().SequenceEqual(scriptPubKey.Span)
                && !(excludeMempoolSpent && _mempoolSpends.ContainsKey(outPoint)))
            {
                result.Add(new Utxo(outPoint, coin.Output, coin.Height, coin.IsCoinbase));
            }
        }

        result.Sort(static (a, b) => a.Height != b.Height
            ? a.Height.CompareTo(b.Height)
            : a.OutPoint.TxId != b.OutPoint.TxId ? a.OutPoint.TxId.CompareTo(b.OutPoint.TxId) : a.OutPoint.Index.CompareTo(b.OutPoint.Index));
        return result;
    }

    /// <inheritdoc />
    public async Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(confirmationTarget, 1);
        using var _ = await LockAsync(ct).ConfigureAwait(false);
        return EstimateFee(confirmationTarget);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TipChange> WatchTipChangesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var channel = Channel.CreateUnbounded<TipChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_watchers)
        {
            _watchers.Add(channel);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_watchers)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Stops timer mining and ends every tip-change enumeration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _disposed = true;
        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }
        }
    }

    private BlockIndexEntry Tip => _chain[^1];

    private ChainHeader ToChainHeader(BlockIndexEntry entry) =>
        new(entry.Header, entry.Hash, entry.Height, entry.Height < _chain.Count && _chain[entry.Height] == entry);

    private async Task<Releaser> LockAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(_lock);
    }

    private void Publish(TipChange? change)
    {
        if (change is null)
        {
            return;
        }

        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }

        TipChanged?.Invoke(this, change);
    }

    private readonly struct Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
