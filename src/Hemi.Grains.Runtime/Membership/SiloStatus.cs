namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// A silo's status in the membership table (Orleans: <c>SiloStatus</c>). The order is the lifecycle:
/// Created → Joining → Active → ShuttingDown | Stopping → Dead, and <see cref="Dead"/> is terminal.
/// </summary>
public enum SiloStatus
{
    /// <summary>Not in the table (or unknown).</summary>
    None = 0,

    /// <summary>The process started; nothing written yet.</summary>
    Created = 1,

    /// <summary>The row is written; the silo is checking connectivity to the active silos.</summary>
    Joining = 2,

    /// <summary>The silo serves calls.</summary>
    Active = 3,

    /// <summary>A graceful shutdown is in progress.</summary>
    ShuttingDown = 4,

    /// <summary>A non-graceful stop is in progress.</summary>
    Stopping = 5,

    /// <summary>The silo is gone and must never serve again.</summary>
    Dead = 6,
}
