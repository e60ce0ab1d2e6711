namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The silo's view of cluster membership (Orleans: <c>IClusterMembershipService</c>): the latest view, a stream of
/// strictly newer views, and on-demand refresh.
/// </summary>
public interface IClusterMembershipService
{
    /// <summary>The newest view this silo has read.</summary>
    ClusterMembershipSnapshot CurrentSnapshot { get; }

    /// <summary>The current view, then every newer one, in version order (each subscriber gets its own sequence).</summary>
    IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates { get; }

    /// <summary>
    /// Calls <paramref name="onUpdate"/> with every newer view, in version order, on the thread that read it.
    /// Dispose the result to unsubscribe. The callback must be quick and must not throw.
    /// </summary>
    IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate);

    /// <summary>Re-reads the table unless the current view is already at least <paramref name="minimumVersion"/>.</summary>
    Task Refresh(MembershipVersion minimumVersion = default);

    /// <summary>Declares <paramref name="silo"/> dead directly (used for superseded generations); false on contention or when unknown.</summary>
    Task<bool> TryKill(SiloAddress silo);
}
