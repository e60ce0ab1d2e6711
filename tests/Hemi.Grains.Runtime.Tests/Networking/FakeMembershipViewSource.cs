using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>A membership view the test publishes by hand.</summary>
public sealed class FakeMembershipViewSource : IMembershipViewSource
{
    private readonly Lock _lock = new();
    private readonly List<Action<ClusterMembershipSnapshot>> _subscribers = [];
    private long _version;

    public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } = ClusterMembershipSnapshot.Empty;

    public IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate)
    {
        lock (_lock)
        {
            _subscribers.Add(onUpdate);
        }

        return new Unsubscriber(this, onUpdate);
    }

    /// <summary>Publishes a newer view in which each given silo has the given status.</summary>
    public void Publish(params (SiloAddress Silo, SiloStatus Status)[] members)
    {
        Action<ClusterMembershipSnapshot>[] subscribers;
        ClusterMembershipSnapshot view;
        lock (_lock)
        {
            view = new ClusterMembershipSnapshot(
                members.ToDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString(), 0)),
                new MembershipVersion(++_version));
            CurrentSnapshot = view;
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(view);
        }
    }

    private sealed class Unsubscriber(FakeMembershipViewSource owner, Action<ClusterMembershipSnapshot> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscribers.Remove(callback);
            }
        }
    }
}
