using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>Adapts the silo's <see cref="IClusterMembershipService"/> to <see cref="IMembershipViewSource"/>.</summary>
public sealed class ClusterMembershipViewSource(IClusterMembershipService membership) : IMembershipViewSource
{
    /// <inheritdoc/>
    public ClusterMembershipSnapshot CurrentSnapshot => membership.CurrentSnapshot;

    /// <inheritdoc/>
    public IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate) => membership.SubscribeToUpdates(onUpdate);
}
