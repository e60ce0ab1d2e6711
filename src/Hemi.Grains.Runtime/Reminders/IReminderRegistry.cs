namespace Hemi.Grains.Runtime.Reminders;

/// <summary>Grain-facing reminder operations (Orleans: <c>IReminderRegistry</c>).</summary>
public interface IReminderRegistry
{
    /// <summary>Registers or updates a reminder of <paramref name="grainId"/>.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes a reminder.</summary>
    Task UnregisterReminder(GrainId grainId, IGrainReminder reminder);

    /// <summary>Gets a reminder, or null.</summary>
    Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName);

    /// <summary>Gets all reminders of a grain.</summary>
    Task<IReadOnlyList<IGrainReminder>> GetReminders(GrainId grainId);
}
