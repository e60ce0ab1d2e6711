namespace Hemi.Grains.Runtime.Reminders;

/// <summary>The outcome of <see cref="IReminderTable.TryClaimTick"/>.</summary>
public enum ReminderTickClaim
{
    /// <summary>This caller claimed the due time and must deliver the tick.</summary>
    Claimed = 0,

    /// <summary>The due time (or a later one) was already claimed, by this or another silo: do not deliver.</summary>
    AlreadyClaimed = 1,

    /// <summary>The row was removed or re-registered (its ETag changed): do not deliver; re-read the row.</summary>
    RowChanged = 2,
}
