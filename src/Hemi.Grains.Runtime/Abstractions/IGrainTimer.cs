namespace Hemi.Grains.Runtime;

/// <summary>A timer owned by one activation; ticks run as turns on the activation. Disposed on deactivation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period; <see cref="Timeout.InfiniteTimeSpan"/> disables.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
