using System.Collections.Immutable;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Grains.Indexing;

namespace Hemi.Grains.Hvm;

/// <summary>
/// The hVM Bitcoin index of one network: the current <see cref="HvmBitcoinIndexSnapshot"/>, fed block by block by the
/// chain grain through <see cref="CreateIndexer"/>, and the most recent snapshots kept by tip hash so a query can be
/// pinned to the Bitcoin block an L2 block saw (see <see cref="GetViewAt"/>).
/// </summary>
/// <remarks>
/// <para>
/// One writer, any number of readers: the writer builds each new snapshot aside and publishes it with one reference
/// write, so readers never take a lock and never see half a block.
/// </para>
/// <para>
/// A snapshot's contents depend only on the chain ending at its tip (from the first connected height), so a kept
/// snapshot stays right for its hash even after that block is reorganised away or the index is rebuilt: a query pinned
/// to it answers the same on every node and at every later time, as long as it is kept. At most
/// <see cref="RetainedSnapshots"/> are kept (oldest published first out); each costs only the map nodes its block
/// changed. Older blocks of the current chain, up to <see cref="MaxRewindBlocks"/> below the tip, are served by
/// recomputing their snapshot from the undo journals.
/// </para>
/// </remarks>
public sealed class HvmBitcoinIndex
{
    private readonly object _writeLock = new();
    private readonly Queue<Hash256> _retainedOrder = new();
    private Published _published;
    private HvmBitcoinIndexSnapshot? _lastRewound;
    private long _generation;

    /// <param name="network">The network of the indexed chain.</param>
    /// <param name="retainedSnapshots">How many recent snapshots stay reachable by tip hash (at least 1).</param>
    /// <param name="maxRewindBlocks">How far below the current tip a snapshot of a connected block is recomputed on demand.</param>
    public HvmBitcoinIndex(
        Network network,
        int retainedSnapshots = HvmBitcoinIndexOptions.DefaultRetainedSnapshots,
        int maxRewindBlocks = HvmBitcoinIndexOptions.DefaultMaxRewindBlocks)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedSnapshots, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRewindBlocks);
        Network = network;
        RetainedSnapshots = retainedSnapshots;
        MaxRewindBlocks = maxRewindBlocks;
        _published = new Published(HvmBitcoinIndexSnapshot.Empty(network), ImmutableDictionary<Hash256, HvmBitcoinIndexSnapshot>.Empty);
    }

    /// <summary>The network of the indexed chain.</summary>
    public Network Network { get; }

    /// <summary>How many recent snapshots stay reachable by tip hash.</summary>
    public int RetainedSnapshots { get; }

    /// <summary>How far below the current tip a snapshot of a connected block is recomputed when it is no longer kept.</summary>
    public int MaxRewindBlocks { get; }

    /// <summary>The latest published snapshot (the chain grain's indexed tip).</summary>
    public HvmBitcoinIndexSnapshot Current => Volatile.Read(ref _published).Current;

    /// <summary>
    /// The snapshot whose tip is <paramref name="blockHash"/>: a kept one, or else, for a block of the current chain at
    /// most <see cref="MaxRewindBlocks"/> below its tip, one recomputed by undoing the blocks above it (the undo is exact,
    /// so it equals the snapshot once published). <see langword="null"/> when that block is not indexed yet, lies below
    /// the first indexed height, or is neither kept nor within reach.
    /// </summary>
    public HvmBitcoinIndexSnapshot? TryGetSnapshot(Hash256 blockHash)
    {
        var published = Volatile.Read(ref _published);
        var current = published.Current;
        if (current.Tip is { } tip && tip.Hash == blockHash)
        {
            return current;
        }

        if (published.Retained.TryGetValue(blockHash, out var kept))
        {
            return kept;
        }

        if (Volatile.Read(ref _lastRewound) is { Tip: { } rewoundTip } lastRewound && rewoundTip.Hash == blockHash)
        {
            return lastRewound;
        }

        if (current.GetHeader(blockHash) is not { } header || current.Tip!.Height - header.Height > (uint)MaxRewindBlocks)
        {
            return null;
        }

        // Pure work on immutable snapshots: readers may do it concurrently with the writer and with each other.
        var rewound = current;
        while (rewound.Tip!.Hash != blockHash)
        {
            rewound = rewound.Disconnect(rewound.Tip.Hash);
        }

        // Repeated calls at one old block (eth_call against a historical L2 block) reuse the last result.
        Volatile.Write(ref _lastRewound, rewound);
        return rewound;
    }

    /// <summary>A view of the latest snapshot, its tip as the best header (no hVM lag applied).</summary>
    public HvmBitcoinIndexView GetLatestView() => new(Current);

    /// <summary>
    /// A view pinned to the snapshot whose tip is <paramref name="blockHash"/> (normally hVM's best header, the recorded
    /// tip minus the indexer lag), or <see langword="null"/> when that snapshot is not available (see <see cref="TryGetSnapshot"/>).
    /// </summary>
    public HvmBitcoinIndexView? GetViewAt(Hash256 blockHash) =>
        TryGetSnapshot(blockHash) is { } snapshot ? new HvmBitcoinIndexView(snapshot) : null;

    /// <summary>
    /// Starts a rebuild and returns the indexer that feeds it: the current snapshot goes back to empty (kept snapshots
    /// stay reachable, they are still right for their hashes), and indexers created before stop having any effect. The
    /// chain grain calls this (through <see cref="HvmBitcoinIndexerFactory"/>) on every activation and then reconnects
    /// its whole indexed chain.
    /// </summary>
    public IBlockIndexer CreateIndexer()
    {
        lock (_writeLock)
        {
            var generation = ++_generation;
            Publish(HvmBitcoinIndexSnapshot.Empty(Network));
            return new HvmBitcoinIndexer(this, generation);
        }
    }

    internal void Connect(long generation, Block block, int height)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        lock (_writeLock)
        {
            if (generation != _generation)
            {
                return;
            }

            var current = _published.Current;
            if (current.Contains(block.GetHash()))
            {
                return;
            }

            Publish(current.Connect(block, (uint)height));
        }
    }

    internal void Disconnect(long generation, Hash256 blockHash)
    {
        lock (_writeLock)
        {
            var current = _published.Current;
            // Unknown hashes are ignored, as the indexer contract says.
            if (generation != _generation || !current.Contains(blockHash))
            {
                return;
            }

            Publish(current.Disconnect(blockHash));
        }
    }

    private void Publish(HvmBitcoinIndexSnapshot snapshot)
    {
        var retained = _published.Retained;
        if (snapshot.Tip is { } tip)
        {
            if (!retained.ContainsKey(tip.Hash))
            {
                _retainedOrder.Enqueue(tip.Hash);
            }

            retained = retained.SetItem(tip.Hash, snapshot);
            while (_retainedOrder.Count > RetainedSnapshots)
            {
                retained = retained.Remove(_retainedOrder.Dequeue());
            }
        }

        Volatile.Write(ref _published, new Published(snapshot, retained));
    }

    // Current and kept snapshots are published together so a reader never sees one without the other.
    private sealed record Published(HvmBitcoinIndexSnapshot Current, ImmutableDictionary<Hash256, HvmBitcoinIndexSnapshot> Retained);
}
