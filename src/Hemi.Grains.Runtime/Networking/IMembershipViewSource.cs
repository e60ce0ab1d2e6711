using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>The part of membership the transport needs: the current view and notification of newer ones.</summary>
public interface IMembershipViewSource
{
    /// <summary>The newest view.</summary>
    ClusterMembershipSnapshot CurrentSnapshot { get; }

    /// <summary>Calls <paramref name="onUpdate"/> with every newer view; dispose the result to unsubscribe.</summary>
    IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate);
}
