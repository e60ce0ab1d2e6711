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

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName);

    /// <summary>Inserts or replaces a reminder; returns its new ETag.</summary>
    Task<string> UpsertRow(ReminderEntry entry);

    /// <summary>Removes a reminder if its ETag still matches; returns whether it was removed.</summary>
    Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag);
}
