namespace Hemi.Grains.Runtime.Reminders;

/// <summary>Stored form of one grain's reminder rows (one ETag-checked document per grain).</summary>
public sealed class ReminderRowsDocument
{
    /// <summary>Rows by reminder name.</summary>
    public Dictionary<string, StoredReminderRow> Rows { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Stored form of one reminder row.</summary>
public sealed class StoredReminderRow
{
    /// <summary>First due time, UTC ticks.</summary>
    public long StartAtUtcTicks { get; set; }

    /// <summary>Period in ticks.</summary>
    public long PeriodTicks { get; set; }

    /// <summary>Row version.</summary>
    public string ETag { get; set; } = string.Empty;

    /// <summary>The latest claimed due time, UTC ticks; 0 when no tick was claimed since the last upsert.</summary>
    public long LastFiredDueUtcTicks { get; set; }
}

/// <summary>Stored form of one reminder index shard: the grains that have (or had) reminders.</summary>
public sealed class ReminderIndexDocument
{
    /// <summary>Grain ids in "type/key" form.</summary>
    public List<string> Grains { get; set; } = [];
}
