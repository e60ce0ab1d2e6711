namespace Hemi.Grains.Runtime.Reminders;

/// <summary>A set of reminder rows (Orleans: <c>ReminderTableData</c>).</summary>
public sealed record ReminderTableData(IReadOnlyList<ReminderEntry> Reminders);
