namespace Hemi.Grains.Runtime.Membership;

/// <summary>Predicates over <see cref="SiloStatus"/>.</summary>
public static class SiloStatusExtensions
{
    /// <summary>True for statuses past <see cref="SiloStatus.Active"/>: the silo is leaving or gone.</summary>
    public static bool IsTerminating(this SiloStatus status) => status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;

    /// <summary>True when a status may follow <paramref name="current"/>: the lifecycle only moves forward and Dead is terminal.</summary>
    public static bool CanTransitionTo(this SiloStatus current, SiloStatus next)
    {
        if (current == SiloStatus.Dead)
        {
            return next == SiloStatus.Dead;
        }

        // ShuttingDown and Stopping are alternatives at the same stage; either may escalate to Dead only.
        if (current.IsTerminating() && next != SiloStatus.Dead)
        {
            return next == current;
        }

        return next >= current;
    }
}
