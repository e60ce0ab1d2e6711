using Hemi.Grains.L2.Storage;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.L2.Sequencing;

// Lookups by hash: the stored hash index segments, read back at activation and extended with every snapshot.
public sealed partial class SequencerGrain
{
    /// <summary>
    /// Fills the in-memory index with the stored segments that chain from block 1 (each checked: checksum, range, and its
    /// last block hash against that block's stored header), then with the block records up to the base block that no
    /// valid segment covers. A rejected segment is deleted (it is derived data) and its blocks come from their records.
    /// </summary>
    private async Task LoadHashIndexAsync(CancellationToken ct)
    {
        var ranges = new List<(ulong First, ulong Last, string Key)>();
        await foreach (var key in _store.ListAsync(L2ObjectKeys.HashIndexPrefix(ChainId), ct))
        {
            if (L2ObjectKeys.HashIndexRange(ChainId, key) is { } range)
            {
                ranges.Add((range.First, range.Last, key));
            }
        }

        while (true)
        {
            var next = _index.StoredThrough + 1;
            var candidates = ranges.Where(r => r.First == next).OrderByDescending(r => r.Last).ToList();
            var accepted = false;
            foreach (var candidate in candidates)
            {
                ranges.Remove(candidate);
                if (await TryReadSegmentAsync(candidate.First, candidate.Last, candidate.Key, ct) is { } segment)
                {
                    _index.AddStored(segment);
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                break;
            }
        }

        if (_index.StoredThrough >= _head.Number)
        {
            return;
        }

        // Blocks the snapshot covers but no segment does (a crash before the segment was stored, a rejected segment, or a
        // data folder written before segments existed): their records are the truth.
        var first = _index.StoredThrough + 1;
        LogHashIndexRebuilt(_logger, ChainId, first, _head.Number);
        for (var number = first; number <= _head.Number; number++)
        {
            var stored = await _store.GetAsync(L2ObjectKeys.Block(ChainId, number), ct)
                ?? throw new InvalidOperationException($"Block {number} of chain {ChainId} is missing below the snapshot of block {_head.Number}.");
            var block = SealedBlockCodec.Decode(stored);
            var hash = number == _head.Number ? _headHash : block.Header.Hash;
            _index.Add(new HashIndexedBlock(number, hash, SealedBlockCodec.TransactionHashes(block)));
        }
    }

    private async Task<HashIndexSegment?> TryReadSegmentAsync(ulong first, ulong last, string key, CancellationToken ct)
    {
        try
        {
            var bytes = await _store.GetAsync(key, ct);
            if (bytes is null)
            {
                return null;
            }

            var segment = HashIndexSegmentCodec.Decode(bytes);
            if (segment.First != first || segment.Last != last)
            {
                throw new L2StorageFormatException($"The segment holds blocks {segment.First}..{segment.Last}, its key says {first}..{last}.");
            }

            var blockBytes = await _store.GetAsync(L2ObjectKeys.Block(ChainId, last), ct)
                ?? throw new L2StorageFormatException($"The segment ends at block {last}, which is not stored.");
            var header = SealedBlockCodec.DecodeHeader(blockBytes);
            var blockHash = _hashes.TryGetValue(last, out var known) ? known : header.Hash;
            if (blockHash != segment.Blocks[^1].Hash)
            {
                throw new L2StorageFormatException($"The segment's hash of block {last} is not the stored block's hash {blockHash}.");
            }

            return segment;
        }
        catch (L2StorageFormatException e)
        {
            LogHashIndexRejected(_logger, ChainId, key, e);
            try
            {
                await _store.DeleteAsync(key, ct);
            }
            catch (GrainStorageException)
            {
                // Left in place: the next activation rejects it again.
            }

            return null;
        }
        catch (GrainStorageException e)
        {
            LogHashIndexRejected(_logger, ChainId, key, e);
            return null;
        }
    }

    /// <summary>Stores one segment for the blocks through <paramref name="last"/> that none covers yet.</summary>
    private async Task StoreHashIndexAsync(ulong last)
    {
        if (_index.PendingSegment(last) is not { } segment)
        {
            return;
        }

        try
        {
            // An existing object under this key came from an earlier activation with the same blocks (segments are
            // deterministic); activation checks it before use.
            await _store.PutIfAbsentAsync(L2ObjectKeys.HashIndexSegment(ChainId, segment.First, segment.Last), HashIndexSegmentCodec.Encode(segment));
            _index.MarkStored(segment.Last);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHashIndexWriteFailed(_logger, ChainId, segment.First, segment.Last, e);
        }
    }
}
