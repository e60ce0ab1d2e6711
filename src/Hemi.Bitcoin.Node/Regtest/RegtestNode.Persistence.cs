using System.Buffers.Binary;
using System.Globalization;
using Hemi.Bitcoin.Blocks;

namespace Hemi.Bitcoin.Node;

public sealed partial class RegtestNode
{
    private string BlocksPrefix => $"{_options.StorePrefix}/blocks/";

    private string InvalidPrefix => $"{_options.StorePrefix}/invalid/";

    private string TipKey => $"{_options.StorePrefix}/tip";

    private string InvalidKey(Hash256 hash) => InvalidPrefix + hash;

    private Task PersistBlockAsync(BlockIndexEntry entry, CancellationToken ct) =>
        _store.PutIfAbsentAsync($"{BlocksPrefix}{entry.Height.ToString("D10", CultureInfo.InvariantCulture)}-{entry.Hash}", entry.Block.ToBytes(), ct);

    /// <summary>The tip record (height, hash) is informational and breaks equal-work ties after a restart.</summary>
    private async Task WriteTipRecordAsync(CancellationToken ct)
    {
        var record = new byte[4 + Hash256.Size];
        BinaryPrimitives.WriteInt32LittleEndian(record, Tip.Height);
        Tip.Hash.WriteInternal(record.AsSpan(4));
        await _store.DeleteAsync(TipKey, ct).ConfigureAwait(false);
        await _store.PutIfAbsentAsync(TipKey, record, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Rebuilds the block tree from the stored blocks (keys sort by height, so parents come first), applies the stored
    /// invalidations and connects the best chain, which rebuilds the UTXO set and undo data.
    /// </summary>
    private async Task ReplayAsync(CancellationToken ct)
    {
        var tipRecord = await _store.GetAsync(TipKey, ct).ConfigureAwait(false);
        if (tipRecord is { Length: 4 + Hash256.Size })
        {
            _preferredTip = Hash256.FromInternal(tipRecord.AsSpan(4));
        }

        var keys = new List<string>();
        await foreach (var key in _store.ListAsync(BlocksPrefix, ct).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var raw = await _store.GetAsync(key, ct).ConfigureAwait(false);
            if (raw is null)
            {
                continue;
            }

            Block block;
            try
            {
                block = Block.Parse(raw);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"Stored block '{key}' does not parse.", ex);
            }

            // A block that fails its checks now failed them when first seen too; it was stored only because the
            // store write precedes connection. Skipping it keeps the replay equal to the original run.
            AddBlockToIndex(block, out _, replay: true);
        }

        await foreach (var key in _store.ListAsync(InvalidPrefix, ct).ConfigureAwait(false))
        {
            if (Hash256.TryParse(key[InvalidPrefix.Length..], out var hash) && _index.TryGetValue(hash, out var entry) && entry.Parent is not null)
            {
                entry.Invalid = true;
            }
        }

        var genesis = _chain[0];
        await ActivateBestChainAsync(genesis, ct).ConfigureAwait(false);
        await RestoreMempoolAsync(ct).ConfigureAwait(false);
    }
}
