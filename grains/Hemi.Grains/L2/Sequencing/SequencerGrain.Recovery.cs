using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.L2.Storage;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Genesis;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.L2.Sequencing;

// Activation: genesis, snapshot, replay of later blocks, and the snapshots that make it possible.
public sealed partial class SequencerGrain
{
    private async Task EnsureGenesisStoredAsync(L2GenesisBlock genesis, CancellationToken ct)
    {
        var block = new SealedL2Block(genesis.Header, [], new BlockExecutionResult([], 0, genesis.Header.LogsBloom, genesis.Header.StateRoot));
        var key = L2ObjectKeys.Block(ChainId, 0);
        if (await _store.PutIfAbsentAsync(key, SealedBlockCodec.Encode(block), ct))
        {
            return;
        }

        var stored = await _store.GetAsync(key, ct)
            ?? throw new InvalidOperationException($"Block 0 of chain {ChainId} exists but cannot be read.");
        var storedHash = SealedBlockCodec.Decode(stored).Header.Hash;
        if (storedHash != genesis.Header.Hash)
        {
            throw new InvalidOperationException(
                $"The stored genesis of chain {ChainId} ({storedHash}) differs from the configured one ({genesis.Header.Hash}): the genesis options changed.");
        }
    }

    private async Task<(L2BlockHeader Header, WorldState State)> LoadLatestSnapshotAsync(L2GenesisBlock genesis, CancellationToken ct)
    {
        var numbers = new List<ulong>();
        await foreach (var key in _store.ListAsync(L2ObjectKeys.SnapshotsPrefix(ChainId), ct))
        {
            if (L2ObjectKeys.SnapshotNumber(ChainId, key) is { } number)
            {
                numbers.Add(number);
            }
        }

        foreach (var number in numbers.OrderDescending())
        {
            try
            {
                var blockBytes = await _store.GetAsync(L2ObjectKeys.Block(ChainId, number), ct);
                var snapshotBytes = await _store.GetAsync(L2ObjectKeys.Snapshot(ChainId, number), ct);
                if (blockBytes is null || snapshotBytes is null)
                {
                    continue;
                }

                var header = SealedBlockCodec.Decode(blockBytes).Header;
                var (root, nodes) = StateSnapshotCodec.Decode(snapshotBytes);
                if (root != header.StateRoot)
                {
                    throw new L2StorageFormatException($"Snapshot root {root} differs from block {number}'s state root {header.StateRoot}.");
                }

                _nodes.PutBatch(nodes);
                if (root != PatriciaTrie.EmptyRootHash && !_nodes.TryGet(root, out _))
                {
                    throw new L2StorageFormatException($"Snapshot {number} lacks its root node.");
                }

                // Every node must be reachable and present: collecting them again proves the snapshot is complete.
                StateSnapshotCodec.CollectNodes(_nodes, root);
                return (header, new WorldState(_nodes, root));
            }
            catch (Exception e) when (e is L2StorageFormatException or FormatException)
            {
                LogSnapshotRejected(_logger, ChainId, number, e);
            }
        }

        return (genesis.Header, genesis.State);
    }

    private async Task ReplayStoredBlocksAsync(CancellationToken ct)
    {
        while (true)
        {
            var number = _head.Number + 1;
            var stored = await _store.GetAsync(L2ObjectKeys.Block(ChainId, number), ct);
            if (stored is null)
            {
                return;
            }

            var block = SealedBlockCodec.Decode(stored);
            var header = block.Header;
            if (header.BaseFeePerGas is not { } baseFee)
            {
                throw new InvalidOperationException($"Stored block {number} has no base fee.");
            }

            var context = new BlockContext(header.Number, header.Timestamp, header.Coinbase, baseFee, header.GasLimit, ChainId);
            SealedL2Block rebuilt;
            try
            {
                rebuilt = L2BlockBuilder.Build(_engine, _head, _state, block.Transactions, context, header.MixHash, header.ExtraData);
            }
            catch (ExecutionException e)
            {
                throw new InvalidOperationException($"Stored block {number} of chain {ChainId} does not execute: {e.Message}", e);
            }

            var hash = HashOf(header);
            if (rebuilt.Header.Hash != hash || header.ParentHash != _headHash)
            {
                throw new InvalidOperationException(
                    $"Stored block {number} of chain {ChainId} does not re-execute to its header (state root {rebuilt.Header.StateRoot} vs {header.StateRoot}).");
            }

            _state.Commit();
            RegisterHeader(header);
            _head = header;
            _headHash = hash;
            var hashes = SealedBlockCodec.TransactionHashes(block);
            _index.Add(new HashIndexedBlock(number, hash, hashes));
            if (_options.PushAccountUpdates)
            {
                // Updates pushed before a crash may never have been applied: push the replayed blocks again (idempotent).
                PushAccountUpdates(block, hash, hashes);
            }
        }
    }

    private async Task RestoreBitcoinAnchorAsync()
    {
        var tip = Hash256.FromInternal(_head.MixHash.AsSpan());
        if (!tip.IsZero)
        {
            var height = -1;
            if (_bitcoinSource is not null)
            {
                try
                {
                    height = (await _bitcoinSource.GetHeaderAsync(tip))?.Height ?? -1;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogBitcoinUnavailable(_logger, ChainId, e);
                }
            }

            _bitcoinTip = new BitcoinAnchor(height, tip);
        }

        if ((ulong)_state.GetStorage(NativeContracts.HvmState.Address, HvmStateLayout.HeaderCountSlot) > 0 && _bitcoinSource is not null)
        {
            try
            {
                var first = BlockHeader.Parse(HvmStateLayout.ReadHeader(_state, 0)).GetHash();
                if (await _bitcoinSource.GetHeaderAsync(first) is { } known)
                {
                    _firstHvmHeight = (uint)known.Height;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBitcoinUnavailable(_logger, ChainId, e);
            }
        }
    }

    private async Task WriteSnapshotAsync(L2BlockHeader header)
    {
        try
        {
            // The snapshot replaces the replay of the blocks before it, which also rebuilds their hashes: store those first
            // (a failure only costs the next activation a read of those block records).
            await StoreHashIndexAsync(header.Number);
            var nodes = StateSnapshotCodec.CollectNodes(_nodes, header.StateRoot);
            RotateNodeGenerations(header.Number, nodes);
            var bytes = StateSnapshotCodec.Encode(header.StateRoot, nodes);
            await _store.PutIfAbsentAsync(L2ObjectKeys.Snapshot(ChainId, header.Number), bytes);
            LogSnapshot(_logger, ChainId, header.Number, nodes.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotFailed(_logger, ChainId, header.Number, e);
        }
    }

    /// <summary>
    /// Bounds the memory of old states: the nodes of states before the previous rotation are dropped, so states from
    /// that rotation's block on stay readable. Headers below the oldest held state are read from the store when needed.
    /// </summary>
    private void RotateNodeGenerations(ulong number, IReadOnlyList<KeyValuePair<Hash32, byte[]>> snapshotNodes)
    {
        _nodes.Rotate(snapshotNodes);
        var oldest = Math.Max(_lastRotation, _oldestHeldState);
        _lastRotation = number;
        for (var n = _oldestHeldState; n < oldest; n++)
        {
            _headers.Remove(n);
            _hashes.Remove(n);
        }

        _oldestHeldState = oldest;
    }

    private async Task ResubmitLatestKeystoneAsync()
    {
        var period = (ulong)_options.KeystonePeriod;
        var latest = _head.Number / period * period;
        if (latest == 0)
        {
            return;
        }

        if (await HeaderAtAsync(latest) is { } header)
        {
            await SubmitKeystoneAsync(header);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequencer of chain {ChainId} active at block {Head} (state from block {Base}).")]
    private static partial void LogActivated(ILogger logger, ulong chainId, ulong head, ulong @base);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chain {ChainId}: sealed block {Number} with {Count} transactions, {GasUsed} gas.")]
    private static partial void LogSealed(ILogger logger, ulong chainId, ulong number, int count, ulong gasUsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: sealing block {Number} failed.")]
    private static partial void LogSealFailed(ILogger logger, ulong chainId, ulong number, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain {ChainId}: block {Number} was written by another activation; this sequencer stops.")]
    private static partial void LogFenced(ILogger logger, ulong chainId, ulong number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped transaction {Hash}: {Reason}")]
    private static partial void LogDropped(ILogger logger, Hash32 hash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: snapshot {Number} rejected.")]
    private static partial void LogSnapshotRejected(ILogger logger, ulong chainId, ulong number, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {ChainId}: snapshot of block {Number} written ({Nodes} trie nodes).")]
    private static partial void LogSnapshot(ILogger logger, ulong chainId, ulong number, int nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: snapshot of block {Number} failed.")]
    private static partial void LogSnapshotFailed(ILogger logger, ulong chainId, ulong number, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: storing the hash index of blocks {First}..{Last} failed (the next activation reads those block records instead).")]
    private static partial void LogHashIndexWriteFailed(ILogger logger, ulong chainId, ulong first, ulong last, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: hash index segment {Key} rejected and removed; its blocks are indexed from their records.")]
    private static partial void LogHashIndexRejected(ILogger logger, ulong chainId, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: no stored hash index for blocks {First}..{Last}; indexed from their block records.")]
    private static partial void LogHashIndexRebuilt(ILogger logger, ulong chainId, ulong first, ulong last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: the Bitcoin chain is unavailable; the block keeps the previous Bitcoin tip.")]
    private static partial void LogBitcoinUnavailable(ILogger logger, ulong chainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: keystone of block {Number} could not be handed over.")]
    private static partial void LogKeystoneFailed(ILogger logger, ulong chainId, ulong number, Exception exception);
}
