namespace Hemi.Grains.Runtime;

/// <summary>Options for <c>RegisterGrainTimer</c> (Orleans' shape).</summary>
public readonly struct GrainTimerCreationOptions
{
    /// <summary>Creates options with the given due time and period.</summary>
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> means never.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> means one-shot.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>When true, ticks may interleave with other requests (still never with another turn).</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, ticks count as activity and keep the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
