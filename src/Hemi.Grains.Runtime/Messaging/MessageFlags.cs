namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Header flags of a <see cref="Message"/> (Orleans' names).</summary>
[Flags]
public enum MessageFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>The target method is <c>[ReadOnly]</c>: may interleave with other read-only requests.</summary>
    ReadOnly = 1 << 0,

    /// <summary>The target method is <c>[AlwaysInterleave]</c>: may interleave with anything.</summary>
    AlwaysInterleave = 1 << 1,

    /// <summary>Fire-and-forget: no response is expected.</summary>
    OneWay = 1 << 2,

    /// <summary>Must not leave this silo and is not re-routed to a new activation (timer ticks).</summary>
    IsLocalOnly = 1 << 3,

    /// <summary>Does not count as activity for idle collection.</summary>
    SuppressKeepAlive = 1 << 4,

    /// <summary>A runtime-internal message (reminder tick, timer tick).</summary>
    SystemMessage = 1 << 5,
}
