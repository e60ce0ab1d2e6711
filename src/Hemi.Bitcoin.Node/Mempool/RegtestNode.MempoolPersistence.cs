using System.Buffers.Binary;
using System.Globalization;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

public sealed partial class RegtestNode
{
    // A consensus-valid transaction is at most 4 MB of weight, so never more than 4 MB of bytes.
    private const int MaxStoredTransactionBytes = 4_000_000;

    private long _mempoolSnapshot;
    private bool _mempoolDirty;
    private bool _mempoolRestored;

    private string MempoolPrefix => $"{_options.StorePrefix}/mempool/";

    /// <summary>
    /// Writes the mempool (arrival order, each transaction as a 4-byte length and its bytes) as a new numbered snapshot,
    /// then deletes the older ones: a crash in between leaves at least one complete snapshot. Caller holds the lock.
    /// </summary>
    private async Task PersistMempoolAsync(CancellationToken ct)
    {
        if (!_mempoolDirty || !_mempoolRestored)
        {
            return;
        }

        var entries = _mempool.Values.OrderBy(static e => e.Sequence).ToArray();
        var buffer = new byte[entries.Sum(static e => 4 + e.Raw.Length)];
        var offset = 0;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), entry.Raw.Length);
            entry.Raw.CopyTo(buffer.AsSpan(offset + 4));
            offset += 4 + entry.Raw.Length;
        }

        var number = ++_mempoolSnapshot;
        var key = MempoolPrefix + number.ToString("D19", CultureInfo.InvariantCulture);
        await _store.PutIfAbsentAsync(key, buffer, ct).ConfigureAwait(false);
        _mempoolDirty = false;
        var older = new List<string>();
        await foreach (var existing in _store.ListAsync(MempoolPrefix, ct).ConfigureAwait(false))
        {
            if (string.CompareOrdinal(existing, key) < 0)
            {
                older.Add(existing);
            }
        }

        foreach (var stale in older)
        {
            await _store.DeleteAsync(stale, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Re-admits the newest stored mempool snapshot against the replayed chain (transactions that no longer pass are
    /// dropped, as bitcoind does with mempool.dat). A damaged snapshot keeps the transactions before the damage.
    /// </summary>
    private async Task RestoreMempoolAsync(CancellationToken ct)
    {
        string? newest = null;
        await foreach (var key in _store.ListAsync(MempoolPrefix, ct).ConfigureAwait(false))
        {
            if (newest is null || string.CompareOrdinal(key, newest) > 0)
            {
                newest = key;
            }
        }

        if (newest is not null && long.TryParse(newest.AsSpan(MempoolPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            _mempoolSnapshot = number;
        }

        var data = newest is null ? null : await _store.GetAsync(newest, ct).ConfigureAwait(false);
        var offset = 0;
        var restored = 0;
        var stored = 0;
        while (data is not null && data.Length - offset >= 4)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
            if (length <= 0 || length > MaxStoredTransactionBytes || length > data.Length - offset - 4)
            {
                break;
            }

            Transaction tx;
            try
            {
                tx = Transaction.Parse(data.AsSpan(offset + 4, length));
            }
            catch (FormatException)
            {
                break;
            }

            offset += 4 + length;
            stored++;
            if (TryAcceptToMempool(tx, testOnly: false) is null)
            {
                restored++;
            }
        }

        _mempoolRestored = true;
        // Anything dropped on the way in is dropped from storage too.
        _mempoolDirty = restored != stored || (data is not null && offset != data.Length);
        await PersistMempoolAsync(ct).ConfigureAwait(false);
    }
}
