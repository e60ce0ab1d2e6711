namespace Hemi.Grains.Runtime.Reminders;

/// <summary>A handle to a registered reminder.</summary>
internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string ETag) : IGrainReminder;
