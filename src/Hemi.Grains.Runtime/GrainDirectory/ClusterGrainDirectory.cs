using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>
/// The cluster's <see cref="IGrainDirectory"/>: a storage-backed directory made safe across failures with
/// membership (Orleans: <c>CachedGrainLocator</c> over an external directory). Registration is create-if-absent
/// and returns the existing winner, except that an entry whose silo is <em>known dead</em> in the membership view
/// (Dead, superseded by a newer generation, or absent from a view newer than the entry) is replaced conditionally.
/// Lookups drop such entries. A local cache is evicted when a view shows the cached silo dead.
/// </summary>
public sealed partial class ClusterGrainDirectory : IGrainDirectory, IDisposable
{
    private const int MaxAttempts = 8;

    private readonly IGrainDirectoryStore _store;
    private readonly IClusterMembershipService _membership;
    private readonly GrainLocatorCache _cache;
    private readonly SiloAddress _localSilo;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;

    /// <summary>Creates the directory (DI).</summary>
    public ClusterGrainDirectory(
        IGrainDirectoryStore store,
        IClusterMembershipService membership,
        ILocalSiloDetails localSilo,
        IOptions<ClusterGrainDirectoryOptions> options,
        TimeProvider timeProvider,
        ILogger<ClusterGrainDirectory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(localSilo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Value.Validate();
        _store = store;
        _membership = membership;
        _localSilo = localSilo.SiloAddress;
        _cache = new GrainLocatorCache(options.Value.CacheSize, options.Value.MaximumCacheTTL, timeProvider);
        _logger = logger ?? NullLogger<ClusterGrainDirectory>.Instance;
        _subscription = membership.SubscribeToUpdates(OnMembershipUpdate);
    }

    /// <summary>The local cache (exposed for diagnostics and tests).</summary>
    public GrainLocatorCache Cache => _cache;

    /// <inheritdoc/>
    public async Task<GrainAddress> Register(GrainAddress address, GrainAddress? previousAddress = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var view = await RequireMember(address.SiloAddress).ConfigureAwait(false);

        var entry = new GrainDirectoryEntry(address, view.Version);
        GrainDirectoryEntry? previous = previousAddress is null ? null : new GrainDirectoryEntry(previousAddress, MembershipVersion.MinValue);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var winner = await _store.Register(entry, previous).ConfigureAwait(false);
            if (winner.IsSameActivation(address))
            {
                _cache.Put(winner);
                return address;
            }

            if (previous is not null && winner.IsSameActivation(previous.Address))
            {
                continue; // raced with a change that restored the same entry; try again
            }

            if (await IsKnownDead(winner).ConfigureAwait(false))
            {
                LogTakeOver(address.GrainId, winner.Address.SiloAddress);
                previous = winner;
                entry = entry with { MembershipVersion = _membership.CurrentSnapshot.Version };
                continue;
            }

            _cache.Put(winner);
            return winner.Address;
        }

        throw new GrainDirectoryException($"Registering {address.GrainId} did not settle after {MaxAttempts} attempts.");
    }

    /// <inheritdoc/>
    public async Task Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _cache.Remove(address.GrainId, onlyIf: address);
        await _store.Unregister(address).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<GrainAddress?> Lookup(GrainId grainId)
    {
        var view = _membership.CurrentSnapshot;
        if (_cache.TryGet(grainId, out var cached))
        {
            if (!view.IsKnownDead(cached.Address.SiloAddress, cached.MembershipVersion))
            {
                return cached.Address;
            }

            _cache.Remove(grainId, onlyIf: cached.Address);
        }

        var entry = await _store.Lookup(grainId).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        if (await IsKnownDead(entry).ConfigureAwait(false))
        {
            // The activation died with its silo: drop the stale entry (conditionally) so a new one can be placed.
            await _store.Unregister(entry.Address).ConfigureAwait(false);
            return null;
        }

        _cache.Put(entry);
        return entry.Address;
    }

    /// <inheritdoc/>
    public void Dispose() => _subscription.Dispose();

    /// <summary>
    /// Only a silo that is Joining or Active in the view registers activations: a dead silo must not (invariant I3),
    /// and an entry written before the silo's own row exists could be mistaken for one of a pruned silo.
    /// </summary>
    private async Task<ClusterMembershipSnapshot> RequireMember(SiloAddress silo)
    {
        var view = _membership.CurrentSnapshot;
        if (view.GetSiloStatus(silo) is not (SiloStatus.Joining or SiloStatus.Active))
        {
            await _membership.Refresh().ConfigureAwait(false);
            view = _membership.CurrentSnapshot;
        }

        var status = view.GetSiloStatus(silo);
        if (status is not (SiloStatus.Joining or SiloStatus.Active))
        {
            throw new SiloUnavailableException($"Cannot register an activation on {silo}: its membership status is {status}.");
        }

        return view;
    }

    /// <summary>
    /// Whether the entry's silo is known dead, using a view at least as new as the entry (invariant I4): when the
    /// entry was written under a newer view than ours and its silo is unknown to us, refresh before deciding.
    /// </summary>
    private async Task<bool> IsKnownDead(GrainDirectoryEntry entry)
    {
        var silo = entry.Address.SiloAddress;
        var view = _membership.CurrentSnapshot;
        if (view.IsKnownDead(silo, entry.MembershipVersion))
        {
            return true;
        }

        if (entry.MembershipVersion > view.Version || (view.GetSiloStatus(silo) == SiloStatus.None && !silo.Equals(_localSilo)))
        {
            await _membership.Refresh(entry.MembershipVersion > view.Version ? entry.MembershipVersion : default).ConfigureAwait(false);
            return _membership.CurrentSnapshot.IsKnownDead(silo, entry.MembershipVersion);
        }

        return false;
    }

    private void OnMembershipUpdate(ClusterMembershipSnapshot view)
    {
        int evicted = _cache.RemoveWhere(e => view.IsKnownDead(e.Address.SiloAddress, e.MembershipVersion));
        if (evicted > 0)
        {
            LogEvicted(evicted, view.Version);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Taking over {GrainId} from dead silo {Silo}")]
    private partial void LogTakeOver(GrainId grainId, SiloAddress silo);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Evicted {Count} cached addresses on dead silos at membership version {Version}")]
    private partial void LogEvicted(int count, MembershipVersion version);
}
