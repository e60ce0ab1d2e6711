using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Ring;

/// <summary>
/// This silo's view of the consistent ring (Orleans: <c>IConsistentRingProvider</c>): rebuilt from the Active silos
/// of every newer membership view, with a notification whenever the set of active silos changes (a silo became
/// Active, or left Active: shutting down, stopping, dead or superseded). A silo that is not Active in its own view
/// owns nothing.
/// </summary>
public sealed class ConsistentRingProvider : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Action<ConsistentRing>> _listeners = [];
    private readonly int _pointsPerSilo;
    private readonly IDisposable _membershipSubscription;
    private ConsistentRing _ring = ConsistentRing.Empty;
    private MembershipVersion _appliedVersion = MembershipVersion.MinValue;
    private bool _disposed;

    /// <summary>Created by DI.</summary>
    public ConsistentRingProvider(IClusterMembershipService membership, ILocalSiloDetails localSilo, IOptions<ConsistentRingOptions> options)
        : this(membership, (localSilo ?? throw new ArgumentNullException(nameof(localSilo))).SiloAddress, (options ?? throw new ArgumentNullException(nameof(options))).Value.VirtualPointsPerSilo)
    {
    }

    /// <summary>Follows <paramref name="membership"/> on behalf of <paramref name="localSilo"/>.</summary>
    public ConsistentRingProvider(IClusterMembershipService membership, SiloAddress localSilo, int pointsPerSilo = ConsistentRing.DefaultPointsPerSilo)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(localSilo);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerSilo, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointsPerSilo, ConsistentRing.MaxPointsPerSilo);
        LocalSilo = localSilo;
        _pointsPerSilo = pointsPerSilo;
        // Subscribe before reading the current view so no view published in between is missed; older views are ignored.
        _membershipSubscription = membership.SubscribeToUpdates(Apply);
        Apply(membership.CurrentSnapshot);
    }

    /// <summary>The silo whose ranges <see cref="LocalRanges"/> describes.</summary>
    public SiloAddress LocalSilo { get; }

    /// <summary>The current ring.</summary>
    public ConsistentRing Ring
    {
        get
        {
            lock (_lock)
            {
                return _ring;
            }
        }
    }

    /// <summary>The ranges this silo owns in the current ring (none while it is not Active).</summary>
    public IReadOnlyList<RingRange> LocalRanges => Ring.GetRanges(LocalSilo);

    /// <summary>True when this silo owns <paramref name="hash"/> in the current ring.</summary>
    public bool IsLocallyOwned(uint hash) => Ring.IsOwnedBy(hash, LocalSilo);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every new ring, in order, on the thread that read the membership view.
    /// It must be quick and must not throw. Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<ConsistentRing> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_lock)
        {
            _listeners.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _listeners.Clear();
        }

        _membershipSubscription.Dispose();
    }

    private void Apply(ClusterMembershipSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_disposed || snapshot.Version <= _appliedVersion)
            {
                return;
            }

            _appliedVersion = snapshot.Version;
            var active = ActiveSiloList.FromSnapshot(snapshot);
            if (active.SameSilos(_ring.Silos))
            {
                // A newer view with the same active silos (a vote, a heartbeat-driven refresh): ownership is unchanged.
                return;
            }

            _ring = new ConsistentRing(active, _pointsPerSilo);
            // Under the lock, so listeners see rings in version order even when two views are applied concurrently.
            foreach (var listener in _listeners)
            {
                listener(_ring);
            }
        }
    }

    private sealed class Subscription(ConsistentRingProvider owner, Action<ConsistentRing> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
