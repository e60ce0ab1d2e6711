using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Tests.Ring;

/// <summary>A membership view the test publishes by hand (one per silo, so silos can be made to disagree).</summary>
public sealed class TestMembershipService : IClusterMembershipService
{
    private readonly Lock _lock = new();
    private readonly List<Action<ClusterMembershipSnapshot>> _subscribers = [];
    private ClusterMembershipSnapshot _current = ClusterMembershipSnapshot.Empty;

    public ClusterMembershipSnapshot CurrentSnapshot
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => ReadUpdates(CancellationToken.None);

    public static SiloAddress Silo(int port, int generation = 1) => new(new IPEndPoint(IPAddress.Loopback, port), generation);

    public static ClusterMembershipSnapshot Snapshot(long version, IEnumerable<(SiloAddress Silo, SiloStatus Status)> members) =>
        new(members.ToDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, "s" + m.Silo.Endpoint.Port, 0)), new MembershipVersion(version));

    public static ClusterMembershipSnapshot Snapshot(long version, params SiloAddress[] active) =>
        Snapshot(version, active.Select(s => (s, SiloStatus.Active)));

    /// <summary>Makes <paramref name="snapshot"/> current and tells subscribers, unless it is not newer.</summary>
    public void Publish(ClusterMembershipSnapshot snapshot)
    {
        Action<ClusterMembershipSnapshot>[] subscribers;
        lock (_lock)
        {
            if (snapshot.Version <= _current.Version)
            {
                return;
            }

            _current = snapshot;
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(snapshot);
        }
    }

    public IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate)
    {
        lock (_lock)
        {
            _subscribers.Add(onUpdate);
        }

        return new Unsubscriber(this, onUpdate);
    }

    public Task Refresh(MembershipVersion minimumVersion = default) => Task.CompletedTask;

    public Task<bool> TryKill(SiloAddress silo) => Task.FromResult(false);

    private async IAsyncEnumerable<ClusterMembershipSnapshot> ReadUpdates([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterMembershipSnapshot>();
        using var subscription = SubscribeToUpdates(s => channel.Writer.TryWrite(s));
        yield return CurrentSnapshot;
        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            while (channel.Reader.TryRead(out var next))
            {
                yield return next;
            }
        }
    }

    private sealed class Unsubscriber(TestMembershipService owner, Action<ClusterMembershipSnapshot> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscribers.Remove(subscriber);
            }
        }
    }
}
