using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Node;
using Hemi.Grains.Indexing;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Chain;

/// <summary>
/// Follows the best chain of an <see cref="IBitcoinSource"/>: every new header is validated into a
/// <see cref="HeaderTree"/>, every new best-chain block is fetched and run through the indexers, and a reorg
/// disconnects the abandoned blocks (highest first) before the new branch is connected.
/// </summary>
/// <remarks>
/// The source decides which chain is best (a node may invalidate blocks locally, which a most-work header tree cannot
/// see), so the tree serves as the validation gate for headers rather than as the arbiter of the tip.
/// </remarks>
public sealed partial class BitcoinChainGrain(
    [PersistentState("bitcoin-chain")] IPersistentState<BitcoinChainState> state,
    IBitcoinSource source,
    IOptionsMonitor<BitcoinChainGrainOptions> options,
    IEnumerable<IBlockIndexerFactory> indexerFactories,
    ILogger<BitcoinChainGrain> logger) : Grain, IBitcoinChainGrain
{
    private BitcoinChainGrainOptions _options = options.CurrentValue;
    private PopIndexer _pop = new();
    private readonly List<IBlockIndexer> _indexers = [];
    private readonly List<IndexedBlock> _chain = [];
    private HeaderTree? _headers;
    private BitcoinTip? _headerTip;
    private IGrainTimer? _timer;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        if (!Network.TryGetByName(name, out var network))
        {
            throw new InvalidOperationException($"Unknown Bitcoin network '{name}'.");
        }

        // Named options per network (e.g. a start height for mainnet); unnamed configuration applies to all.
        _options = options.Get(name);
        _pop = new PopIndexer(trackSubmissions: _options.RecordPopSubmissions);
        _headers = new HeaderTree(network);
        _headerTip = new BitcoinTip(0, _headers.Genesis.Hash.ToString());
        _indexers.Add(_pop);
        foreach (var factory in indexerFactories)
        {
            _indexers.Add(factory.Create(name));
        }

        try
        {
            await RestoreAsync(cancellationToken);
            await SyncAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bad header or block from the source must not make the grain unreachable: it keeps what it validated,
            // and the error is reported again by the next RefreshAsync.
            LogSyncFailed(logger, name, e);
        }
        if (_options.PollInterval > TimeSpan.Zero)
        {
            _timer = RegisterGrainTimer(PollAsync, _options.PollInterval, _options.PollInterval);
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BitcoinTip> RefreshAsync()
    {
        await SyncAsync(CancellationToken.None);
        return Tip();
    }

    /// <inheritdoc />
    public Task<BitcoinTip> GetTipAsync() => Task.FromResult(Tip());

    /// <inheritdoc />
    public Task<BitcoinTip> GetHeaderTipAsync() =>
        Task.FromResult(_headerTip ?? throw new InvalidOperationException("The grain is not activated."));

    /// <inheritdoc />
    public Task<KeystonePublicationInfo?> GetFirstPublicationAsync(string keystoneHash) =>
        Task.FromResult(FirstPublication(ParseKeystoneHash(keystoneHash)));

    /// <inheritdoc />
    public Task<IReadOnlyList<KeystonePublicationInfo>> GetPublicationsAsync(string keystoneHash)
    {
        var hash = ParseKeystoneHash(keystoneHash);
        IReadOnlyList<KeystonePublicationInfo> result = _pop.Publications(hash)
            .Select(p => ToInfo(hash, p.BlockHash, p.Height, p.Publication))
            .ToArray();
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<PublicationSnapshot> GetFirstPublicationsAsync(IReadOnlyList<string> keystoneHashes)
    {
        ArgumentNullException.ThrowIfNull(keystoneHashes);
        var result = new KeystonePublicationInfo?[keystoneHashes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = FirstPublication(ParseKeystoneHash(keystoneHashes[i]));
        }

        return Task.FromResult(new PublicationSnapshot(Tip(), result));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PopRewardPublication>> GetRewardPublicationsAsync(string keystoneHash)
    {
        var hash = ParseKeystoneHash(keystoneHash);
        IReadOnlyList<PopRewardPublication> result = _pop.RewardPublications(hash)
            .Select(p => new PopRewardPublication(
                p.Publication.TxId.ToString(),
                p.Publication.OutputIndex,
                p.BlockHash.ToString(),
                (int)p.Height,
                (int)p.RelativeBlock,
                p.Publication.RewardAddress!.Value.ToString()))
            .ToArray();
        return Task.FromResult(result);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        try
        {
            await SyncAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed poll is retried on the next tick; callers of RefreshAsync still see their own errors.
            LogSyncFailed(logger, this.GetPrimaryKeyString(), e);
        }
    }

    /// <summary>Reconnects the persisted blocks into fresh indexers (they are derived data, not persisted).</summary>
    private async Task RestoreAsync(CancellationToken ct)
    {
        foreach (var indexed in state.State.Blocks)
        {
            if (_chain.Count > 0 && indexed.Height != _chain[^1].Height + 1)
            {
                break;
            }

            var raw = await source.GetRawBlockAsync(Hash256.Parse(indexed.Hash), ct);
            if (raw is null)
            {
                // The source no longer knows it: everything from here on is re-read from the best chain.
                break;
            }

            var block = Block.Parse(raw);
            if (block.GetHash().ToString() != indexed.Hash)
            {
                break;
            }

            Connect(block, indexed);
        }

        if (_chain.Count != state.State.Blocks.Count)
        {
            await PersistAsync();
        }
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        var headers = _headers ?? throw new InvalidOperationException("The grain is not activated.");
        var tip = await source.GetTipAsync(ct);
        var changed = false;

        // Disconnect indexed blocks the source no longer has on its best chain, highest first.
        while (_chain.Count > 0)
        {
            var top = _chain[^1];
            var header = await source.GetHeaderAsync(Hash256.Parse(top.Hash), ct);
            if (header is { IsOnBestChain: true } && top.Height <= tip.Height)
            {
                break;
            }

            var hash = Hash256.Parse(top.Hash);
            for (var i = _indexers.Count - 1; i >= 0; i--)
            {
                _indexers[i].DisconnectBlock(hash);
            }

            _chain.RemoveAt(_chain.Count - 1);
            changed = true;
        }

        try
        {
            await AddHeadersAsync(headers, tip, ct);
            await ConnectNewBlocksAsync(headers, tip, ct);
        }
        finally
        {
            try
            {
                // Before the chain state: a restart re-reads whatever the persisted chain holds and re-sends it, so
                // a submission write can only be lost for blocks the persisted state does not know yet.
                await WriteSubmissionsAsync(ct);
            }
            finally
            {
                // Persist whatever was reconciled, even when a later header or block was rejected.
                if (changed || !IsPersisted())
                {
                    await PersistAsync();
                }
            }
        }
    }

    /// <summary>Writes the PoP indexer's submission changes to their grains; on failure they stay pending for the next sync.</summary>
    private async Task WriteSubmissionsAsync(CancellationToken ct)
    {
        var changes = _pop.GetSubmissionChanges();
        if (changes.IsEmpty)
        {
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.SubmissionWriteConcurrency), CancellationToken = ct };
        // Unindex first: a transaction mined again in a replacement block is then re-indexed by the second step.
        foreach (var group in changes.Unindexed.GroupBy(u => u.TxId))
        {
            var grain = GrainFactory.GetGrain<IPopSubmissionGrain>(group.Key);
            foreach (var (_, blockHash) in group.Distinct())
            {
                await grain.UnindexAsync(blockHash);
            }
        }

        await Parallel.ForEachAsync(
            changes.Indexed,
            parallel,
            async (submission, _) => await GrainFactory.GetGrain<IPopSubmissionGrain>(submission.TxId).IndexAsync(submission));
        _pop.AcknowledgeSubmissionChanges();
    }

    private bool IsPersisted()
    {
        var stored = state.State.Blocks;
        return stored.Count == _chain.Count && (_chain.Count == 0 || stored[^1] == _chain[^1]);
    }

    private async Task ConnectNewBlocksAsync(HeaderTree headers, ChainTip tip, CancellationToken ct)
    {
        var next = _chain.Count > 0 ? _chain[^1].Height + 1 : Math.Max(0, _options.StartHeight);
        var last = (int)Math.Min(tip.Height, (long)next + Math.Max(1, _options.MaxBlocksPerRefresh) - 1);
        for (var height = next; height <= last; height++)
        {
            var header = await source.GetHeaderAsync(height, ct);
            // The source moved under us (a reorg mid-refresh): stop; the next refresh reconciles.
            if (header is null || !headers.Contains(header.Hash)
                || (_chain.Count > 0 && header.Header.PrevBlock.ToString() != _chain[^1].Hash))
            {
                break;
            }

            var raw = await source.GetRawBlockAsync(header.Hash, ct);
            if (raw is null)
            {
                break;
            }

            var block = Block.Parse(raw);
            if (block.GetHash() != header.Hash)
            {
                throw new InvalidDataException($"The source returned block {block.GetHash()} for {header.Hash}.");
            }

            // The header only commits to the transactions through the merkle root: without this check a source could
            // forge or hide publications under a valid header.
            if (block.ComputeMerkleRoot(out var mutated) != block.Header.MerkleRoot || mutated)
            {
                throw new InvalidDataException($"Block {header.Hash} does not match its header's merkle root.");
            }

            Connect(block, new IndexedBlock(height, header.Hash.ToString()));
        }
    }

    /// <summary>Validates the source's best-chain headers the tree does not know yet (walking down to a known one).</summary>
    private async Task AddHeadersAsync(HeaderTree headers, ChainTip tip, CancellationToken ct)
    {
        var missing = new Stack<ChainHeader>();
        for (var height = tip.Height; height > 0; height--)
        {
            var header = await source.GetHeaderAsync(height, ct);
            if (header is null || headers.Contains(header.Hash))
            {
                break;
            }

            // The tree keys headers by their own hash: a source whose claimed hash differs would never be matched again.
            if (header.Header.GetHash() != header.Hash)
            {
                throw new InvalidDataException($"The source's header at height {height} hashes to {header.Header.GetHash()}, not {header.Hash}.");
            }

            missing.Push(header);
        }

        while (missing.TryPop(out var header))
        {
            var error = headers.TryAdd(header.Header, out _);
            if (error != HeaderValidationError.None)
            {
                throw new HeaderValidationException(error, header.Hash);
            }

            _headerTip = new BitcoinTip(header.Height, header.Hash.ToString());
        }

        if (headers.Contains(tip.Hash))
        {
            _headerTip = new BitcoinTip(tip.Height, tip.Hash.ToString());
        }
    }

    private void Connect(Block block, IndexedBlock indexed)
    {
        foreach (var indexer in _indexers)
        {
            indexer.ConnectBlock(block, indexed.Height);
        }

        _chain.Add(indexed);
    }

    private async Task PersistAsync()
    {
        state.State.Blocks = [.. _chain];
        await state.WriteStateAsync();
    }

    private BitcoinTip Tip() => _chain.Count > 0
        ? new BitcoinTip(_chain[^1].Height, _chain[^1].Hash)
        : new BitcoinTip(-1, Hash256.Zero.ToString());

    private KeystonePublicationInfo? FirstPublication(Hash256 keystoneHash)
    {
        if (_pop.FirstPublication(keystoneHash) is not { } first)
        {
            return null;
        }

        var publication = _pop.Publications(keystoneHash).First(p => p.BlockHash == first.BlockHash);
        return ToInfo(keystoneHash, first.BlockHash, first.BlockHeight, publication.Publication);
    }

    private static KeystonePublicationInfo ToInfo(Hash256 keystoneHash, Hash256 blockHash, uint height, Protocol.Pop.PopPublication publication) =>
        new(
            keystoneHash.ToString(),
            blockHash.ToString(),
            (int)height,
            publication.TxId.ToString(),
            publication.TransactionIndex,
            publication.OutputIndex,
            publication.RewardAddress?.ToString());

    private static Hash256 ParseKeystoneHash(string keystoneHash) =>
        Hash256.TryParse(keystoneHash, out var hash)
            ? hash
            : throw new ArgumentException($"'{keystoneHash}' is not a 64-character hex keystone hash.", nameof(keystoneHash));

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Following the {Network} chain failed; retrying on the next refresh")]
    private static partial void LogSyncFailed(ILogger logger, string network, Exception exception);
}
