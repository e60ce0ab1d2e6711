namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Reminder service settings.</summary>
public sealed class ReminderOptions
{
    /// <summary>The smallest allowed reminder period (1 min; tests may lower it).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The keyed <c>IGrainStorage</c> holding reminder rows ("Default").</summary>
    public string StorageName { get; set; } = "Default";

    /// <summary>How long a single tick delivery may take before it is abandoned (30 s).</summary>
    public TimeSpan TickTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
