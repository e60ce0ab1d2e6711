namespace Hemi.Grains.Runtime.Reminders;

/// <summary>One durable reminder row (Orleans: <c>ReminderEntry</c>).</summary>
public sealed record ReminderEntry
{
    /// <summary>The grain the reminder belongs to.</summary>
    public required GrainId GrainId { get; init; }

    /// <summary>The reminder's name, unique per grain.</summary>
    public required string ReminderName { get; init; }

    /// <summary>When the first tick is due (UTC); later ticks are due at StartAt + k·Period.</summary>
    public required DateTime StartAt { get; init; }

    /// <summary>The period between ticks.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>The row's version; changes on every upsert.</summary>
    public string? ETag { get; init; }

    /// <summary>
    /// The latest due time whose tick was claimed (<see cref="IReminderTable.TryClaimTick"/>), UTC; null when none has
    /// been since the row was last upserted. Claiming does not change <see cref="ETag"/>.
    /// </summary>
    public DateTime? LastFiredDue { get; init; }
}
