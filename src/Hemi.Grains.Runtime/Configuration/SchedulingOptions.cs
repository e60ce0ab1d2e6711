namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Turn scheduler settings (Orleans' names and defaults).</summary>
public sealed class SchedulingOptions
{
    /// <summary>Turns longer than this are logged as warnings (1 s).</summary>
    public TimeSpan TurnWarningLengthThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one activation may keep a thread before yielding it (100 ms).</summary>
    public TimeSpan ActivationSchedulingQuantum { get; set; } = TimeSpan.FromMilliseconds(100);
}
