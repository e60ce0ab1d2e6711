using Hemi.Grains.Runtime.Ring;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>Durable reminder rows (Orleans: <c>IReminderTable</c>). Every change is conditional on a row ETag.</summary>
public interface IReminderTable
{
    /// <summary>All reminders of one grain.</summary>
    Task<ReminderTableData> ReadRows(GrainId grainId);

    /// <summary>
    /// Reminders whose grain's uniform hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>];
    /// when begin ≥ end the range wraps around, and begin == end means the whole ring.
    /// </summary>
    Task<ReminderTableData> ReadRows(uint begin, uint end);

    /// <summary>
    /// Reminders whose grain's uniform hash lies in any of <paramref name="ranges"/> (a silo's ring ranges), each row
    /// once. The default reads each range with <see cref="ReadRows(uint, uint)"/>; tables override it to read less.
    /// </summary>
    async Task<ReminderTableData> ReadRows(IReadOnlyList<RingRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var seen = new HashSet<(GrainId, string)>();
        var result = new List<ReminderEntry>();
        foreach (var range in ranges)
        {
            foreach (var entry in (await ReadRows(range.Begin, range.End).ConfigureAwait(false)).Reminders)
            {
                if (seen.Add((entry.GrainId, entry.ReminderName)))
                {
                    result.Add(entry);
                }
            }
        }

        return new ReminderTableData(result);
    }

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName);

    /// <summary>Inserts or replaces a reminder; returns its new ETag (and forgets the last claimed due time).</summary>
    Task<string> UpsertRow(ReminderEntry entry);

    /// <summary>Removes a reminder if its ETag still matches; returns whether it was removed.</summary>
    Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag);

    /// <summary>
    /// Atomically claims the tick due at <paramref name="dueAt"/> of the reminder whose row still has
    /// <paramref name="eTag"/>: succeeds only if no tick due at or after <paramref name="dueAt"/> was claimed, and then
    /// records <paramref name="dueAt"/> as <see cref="ReminderEntry.LastFiredDue"/> without changing the ETag. Silos that
    /// disagree about who owns a reminder (during a ring change) thus deliver each due time at most once.
    /// </summary>
    Task<ReminderTickClaim> TryClaimTick(GrainId grainId, string reminderName, string eTag, DateTime dueAt);
}
