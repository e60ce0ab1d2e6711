namespace Hemi.Grains.Runtime.Reminders;

/// <summary>Settings of the reminder service on a cluster (<c>UseClusteredReminderService</c>).</summary>
public sealed class ClusteredReminderOptions
{
    /// <summary>
    /// How often a silo re-reads the reminder rows of its ring ranges (1 min, the design's §8.2 item 10). This bounds
    /// how long a reminder registered through another silo waits to be armed by its owner. Ring changes trigger an
    /// immediate re-read, independently of this period.
    /// </summary>
    public TimeSpan RefreshReminderListPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (RefreshReminderListPeriod <= TimeSpan.Zero || RefreshReminderListPeriod > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshReminderListPeriod), RefreshReminderListPeriod, $"{nameof(RefreshReminderListPeriod)} must be positive and at most one day.");
        }
    }
}
