using System.Globalization;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>
/// An <see cref="IReminderTable"/> on any <see cref="IGrainStorage"/> (memory, files, Azure Blob): one ETag-checked
/// document per grain holding its rows (state "reminders"), plus 16 ETag-checked index shards listing the grains
/// that have reminders (state "reminder-index"). Every change is read → modify → conditional write, re-read on conflict.
/// Index entries are added before rows and never removed, so a concurrent remove cannot hide a new row; an index
/// entry whose document is empty is simply skipped.
/// </summary>
public sealed class GrainStorageReminderTable : IReminderTable
{
    /// <summary>State name of per-grain reminder documents.</summary>
    public const string RowsStateName = "reminders";

    /// <summary>State name of index shards.</summary>
    public const string IndexStateName = "reminder-index";

    private const int IndexShards = 16;
    private const int MaxAttempts = 16;
    private static readonly GrainType IndexGrainType = new("hemi.reminderindex");

    private readonly IGrainStorage _storage;

    /// <summary>Creates the table over <paramref name="storage"/>.</summary>
    public GrainStorageReminderTable(IGrainStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <inheritdoc/>
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var document = await ReadAsync<ReminderRowsDocument>(RowsStateName, grainId).ConfigureAwait(false);
        return new ReminderTableData(ToEntries(grainId, document.State).ToList());
    }

    /// <inheritdoc/>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows([new RingRange(begin, end)]);

    /// <summary>
    /// Reads only the index shards that overlap <paramref name="ranges"/> (a shard holds the grains whose hash has its
    /// top 4 bits), each once, then the rows of the listed grains whose hash is in a range.
    /// </summary>
    public async Task<ReminderTableData> ReadRows(IReadOnlyList<RingRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var shards = new bool[IndexShards];
        foreach (var range in ranges)
        {
            MarkShards(range, shards);
        }

        var result = new List<ReminderEntry>();
        var seen = new HashSet<GrainId>();
        for (int shard = 0; shard < IndexShards; shard++)
        {
            if (!shards[shard])
            {
                continue;
            }

            var index = await ReadAsync<ReminderIndexDocument>(IndexStateName, IndexId(shard)).ConfigureAwait(false);
            foreach (var text in index.State.Grains)
            {
                if (!GrainId.TryParse(text, out var grainId) || !RingRange.AnyContains(ranges, grainId.GetUniformHashCode()) || !seen.Add(grainId))
                {
                    continue;
                }

                result.AddRange((await ReadRows(grainId).ConfigureAwait(false)).Reminders);
            }
        }

        return new ReminderTableData(result);
    }

    /// <inheritdoc/>
    public Task<ReminderTickClaim> TryClaimTick(GrainId grainId, string reminderName, string eTag, DateTime dueAt)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        long dueTicks = dueAt.ToUniversalTime().Ticks;
        // The per-grain document is written with its storage ETag, so of two silos claiming the same due time one
        // write fails, re-reads, and then sees the due time taken.
        return UpdateAsync<ReminderRowsDocument, ReminderTickClaim>(RowsStateName, grainId, document =>
        {
            if (!document.Rows.TryGetValue(reminderName, out var row) || row.ETag != eTag)
            {
                return (false, ReminderTickClaim.RowChanged);
            }

            if (row.LastFiredDueUtcTicks >= dueTicks)
            {
                return (false, ReminderTickClaim.AlreadyClaimed);
            }

            row.LastFiredDueUtcTicks = dueTicks;
            return (true, ReminderTickClaim.Claimed);
        });
    }

    /// <inheritdoc/>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var document = await ReadAsync<ReminderRowsDocument>(RowsStateName, grainId).ConfigureAwait(false);
        return document.State.Rows.TryGetValue(reminderName, out var row) ? ToEntry(grainId, reminderName, row) : null;
    }

    /// <inheritdoc/>
    public async Task<string> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string grainText = entry.GrainId.ToString();
        await UpdateAsync<ReminderIndexDocument, bool>(IndexStateName, IndexId(ShardOf(entry.GrainId)), index =>
        {
            if (index.Grains.Contains(grainText))
            {
                return (false, true);
            }

            index.Grains.Add(grainText);
            return (true, true);
        }).ConfigureAwait(false);

        string eTag = Guid.NewGuid().ToString("N");
        await UpdateAsync<ReminderRowsDocument, bool>(RowsStateName, entry.GrainId, document =>
        {
            document.Rows[entry.ReminderName] = new StoredReminderRow
            {
                StartAtUtcTicks = entry.StartAt.ToUniversalTime().Ticks,
                PeriodTicks = entry.Period.Ticks,
                ETag = eTag,
            };
            return (true, true);
        }).ConfigureAwait(false);
        return eTag;
    }

    /// <inheritdoc/>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        return UpdateAsync<ReminderRowsDocument, bool>(RowsStateName, grainId, document =>
        {
            if (!document.Rows.TryGetValue(reminderName, out var row) || row.ETag != eTag)
            {
                return (false, false);
            }

            document.Rows.Remove(reminderName);
            return (true, true);
        });
    }

    private static void MarkShards(RingRange range, bool[] shards)
    {
        if (range.IsFull)
        {
            Array.Fill(shards, true);
            return;
        }

        // Hashes in (Begin, End]: the first is Begin + 1 (wrapping), the last End.
        int first = ShardOf(unchecked(range.Begin + 1));
        int last = ShardOf(range.End);
        if (!range.Wraps || unchecked(range.Begin + 1) == 0)
        {
            for (int s = first; s <= last; s++)
            {
                shards[s] = true;
            }

            return;
        }

        for (int s = first; s < IndexShards; s++)
        {
            shards[s] = true;
        }

        for (int s = 0; s <= last; s++)
        {
            shards[s] = true;
        }
    }

    private static int ShardOf(GrainId grainId) => ShardOf(grainId.GetUniformHashCode());

    private static int ShardOf(uint hash) => (int)(hash >> 28);

    private static GrainId IndexId(int shard) => new(IndexGrainType, shard.ToString("x", CultureInfo.InvariantCulture));

    private static IEnumerable<ReminderEntry> ToEntries(GrainId grainId, ReminderRowsDocument document)
        => document.Rows.Select(kv => ToEntry(grainId, kv.Key, kv.Value));

    private static ReminderEntry ToEntry(GrainId grainId, string name, StoredReminderRow row) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = new DateTime(Math.Clamp(row.StartAtUtcTicks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(Math.Max(0, row.PeriodTicks)),
        ETag = row.ETag,
        LastFiredDue = row.LastFiredDueUtcTicks > 0
            ? new DateTime(Math.Clamp(row.LastFiredDueUtcTicks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc)
            : null,
    };

    private async Task<GrainState<TDocument>> ReadAsync<TDocument>(string stateName, GrainId grainId)
        where TDocument : class, new()
    {
        var state = new GrainState<TDocument>(new TDocument());
        await _storage.ReadStateAsync(stateName, grainId, state).ConfigureAwait(false);
        state.State ??= new TDocument();
        return state;
    }

    private async Task<TResult> UpdateAsync<TDocument, TResult>(string stateName, GrainId grainId, Func<TDocument, (bool Changed, TResult Result)> mutate)
        where TDocument : class, new()
    {
        for (int attempt = 1; ; attempt++)
        {
            var state = await ReadAsync<TDocument>(stateName, grainId).ConfigureAwait(false);
            var (changed, result) = mutate(state.State);
            if (!changed)
            {
                return result;
            }

            try
            {
                if (state.State is ReminderRowsDocument { Rows.Count: 0 } && state.RecordExists)
                {
                    await _storage.ClearStateAsync(stateName, grainId, state).ConfigureAwait(false);
                }
                else
                {
                    await _storage.WriteStateAsync(stateName, grainId, state).ConfigureAwait(false);
                }

                return result;
            }
            catch (InconsistentStateException) when (attempt < MaxAttempts)
            {
                // Someone else changed the document since we read it: re-read and re-apply the change.
            }
        }
    }
}
