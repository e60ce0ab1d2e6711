using Hemi.Ethereum;
using Hemi.Grains.L2.Storage;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>
/// Every sealed block and transaction of the chain by hash, in memory: block hash → number and transaction hash →
/// (block, index). It is filled from the stored hash index segments, the block records they do not cover and the
/// blocks sealed since; the blocks not yet covered by a stored segment are kept in order until one is written.
/// Not thread-safe: the sequencer grain uses it one turn at a time.
/// </summary>
public sealed class SealedHashIndex
{
    private readonly Dictionary<Hash32, ulong> _blocks = [];
    private readonly Dictionary<Hash32, (ulong Number, int Index)> _transactions = [];
    private readonly List<HashIndexedBlock> _unstored = [];

    /// <summary>The last block number covered by stored segments contiguous from block 1 (0: none).</summary>
    public ulong StoredThrough { get; private set; }

    /// <summary>The highest block number added.</summary>
    public ulong Head { get; private set; }

    public int TransactionCount => _transactions.Count;

    /// <summary>The indexed blocks no stored segment covers yet, in order.</summary>
    public IReadOnlyList<HashIndexedBlock> Unstored => _unstored;

    public bool TryGetBlockNumber(Hash32 blockHash, out ulong number) => _blocks.TryGetValue(blockHash, out number);

    public bool TryGetTransaction(Hash32 transactionHash, out (ulong Number, int Index) location) =>
        _transactions.TryGetValue(transactionHash, out location);

    public bool ContainsTransaction(Hash32 transactionHash) => _transactions.ContainsKey(transactionHash);

    /// <summary>Adds the blocks of a stored segment that starts right after <see cref="StoredThrough"/>.</summary>
    public void AddStored(HashIndexSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.First != StoredThrough + 1)
        {
            throw new InvalidOperationException($"Segment {segment.First}..{segment.Last} does not follow the indexed blocks (through {StoredThrough}).");
        }

        foreach (var block in segment.Blocks)
        {
            Put(block);
        }

        StoredThrough = segment.Last;
        _unstored.RemoveAll(b => b.Number <= StoredThrough);
    }

    /// <summary>Adds a block (sealed, replayed or read back from its record); one beyond the stored segments waits for the next segment.</summary>
    public void Add(HashIndexedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Put(block);
        if (block.Number > StoredThrough && (_unstored.Count == 0 || _unstored[^1].Number < block.Number))
        {
            if (_unstored.Count > 0 ? block.Number != _unstored[^1].Number + 1 : block.Number != StoredThrough + 1)
            {
                throw new InvalidOperationException($"Block {block.Number} leaves a gap in the blocks to index (stored through {StoredThrough}, {_unstored.Count} waiting).");
            }

            _unstored.Add(block);
        }
    }

    /// <summary>Adds a block that is not part of stored segments (genesis).</summary>
    public void AddUnsegmented(ulong number, Hash32 blockHash) => _blocks[blockHash] = number;

    /// <summary>The segment of the blocks waiting to be stored up to <paramref name="last"/>, or null when none wait.</summary>
    public HashIndexSegment? PendingSegment(ulong last)
    {
        var take = _unstored.TakeWhile(b => b.Number <= last).ToArray();
        return take.Length == 0 ? null : new HashIndexSegment(take);
    }

    /// <summary>Records that a segment up to <paramref name="last"/> is stored.</summary>
    public void MarkStored(ulong last)
    {
        if (last <= StoredThrough)
        {
            return;
        }

        if (_unstored.Count == 0 || _unstored[0].Number != StoredThrough + 1 || last > _unstored[^1].Number)
        {
            throw new InvalidOperationException($"Blocks through {last} are not waiting to be stored.");
        }

        _unstored.RemoveAll(b => b.Number <= last);
        StoredThrough = last;
    }

    private void Put(HashIndexedBlock block)
    {
        _blocks[block.Hash] = block.Number;
        for (var i = 0; i < block.TransactionHashes.Count; i++)
        {
            _transactions[block.TransactionHashes[i]] = (block.Number, i);
        }

        Head = Math.Max(Head, block.Number);
    }
}
