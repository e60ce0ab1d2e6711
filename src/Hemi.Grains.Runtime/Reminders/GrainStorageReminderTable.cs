using System.Globalization;
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
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var result = new List<ReminderEntry>();
        for (int shard = 0; shard < IndexShards; shard++)
        {
            var index = await ReadAsync<ReminderIndexDocument>(IndexStateName, IndexId(shard)).ConfigureAwait(false);
            foreach (var text in index.State.Grains)
            {
                if (!GrainId.TryParse(text, out var grainId) || !InRange(grainId.GetUniformHashCode(), begin, end))
                {
                    continue;
                }

                result.AddRange((await ReadRows(grainId).ConfigureAwait(false)).Reminders);
            }
        }

        return new ReminderTableData(result);
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

    private static bool InRange(uint hash, uint begin, uint end)
        => begin == end || (begin < end ? hash > begin && hash <= end : hash > begin || hash <= end);

    private static int ShardOf(GrainId grainId) => (int)(grainId.GetUniformHashCode() >> 28);

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
