namespace Hemi.Grains.Runtime.Reminders;

/// <summary>The silo's reminder service as operators and tests see it: what it ticks, and an on-demand re-read.</summary>
public interface IReminderService : IReminderRegistry
{
    /// <summary>The reminders this silo currently keeps timers for (in a cluster: those in its ring ranges).</summary>
    IReadOnlyCollection<ReminderEntry> LocalReminders { get; }

    /// <summary>
    /// Re-reads the rows this silo owns now (clustered: its ring ranges) and returns when the timers match them; on one
    /// silo without a ring it is a no-op, because that silo's timers always follow its own writes.
    /// </summary>
    Task Refresh();
}
