using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Probes peers and turns repeated failures into suspicion votes (Orleans: <c>ClusterHealthMonitor</c> with its
/// per-target <c>SiloHealthMonitor</c>s). Targets: the next <see cref="ClusterMembershipOptions.NumProbedSilos"/>
/// live silos after this one on the hash ring, plus every suspected or stale silo. After
/// <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> consecutive failures each further failure votes.
/// </summary>
public sealed partial class ClusterHealthMonitor
{
    private readonly MembershipTableManager _manager;
    private readonly ISiloProber _prober;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private int _probeNumber;

    /// <summary>Creates the monitor (DI).</summary>
    public ClusterHealthMonitor(MembershipTableManager manager, ISiloProber prober, TimeProvider timeProvider, ILogger<ClusterHealthMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _manager = manager;
        _prober = prober;
        _time = timeProvider;
        _logger = logger ?? NullLogger<ClusterHealthMonitor>.Instance;
    }

    /// <summary>Consecutive missed probes per monitored silo.</summary>
    public IReadOnlyDictionary<SiloAddress, int> MissedProbes
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<SiloAddress, int>(_missedProbes);
            }
        }
    }

    /// <summary>The silos this silo should probe according to the last table read.</summary>
    public IReadOnlyList<SiloAddress> GetMonitoredSilos()
    {
        var snapshot = _manager.MembershipTableSnapshot;
        if (snapshot is null)
        {
            return [];
        }

        var options = _manager.Options;
        var now = _time.GetUtcNow();
        var local = _manager.LocalSilo;
        var candidates = new List<MembershipEntry>();
        foreach (var row in snapshot.Table.Members)
        {
            var e = row.Entry;
            if (e.SiloAddress.Equals(local) || e.Status is SiloStatus.Dead or SiloStatus.None or SiloStatus.Created || IsSuperseded(snapshot.Table, e.SiloAddress))
            {
                continue;
            }

            candidates.Add(e);
        }

        var result = new HashSet<SiloAddress>();
        // Suspected or stale rows are always watched: they are the ones that may need a vote.
        foreach (var e in candidates)
        {
            if (e.GetFreshVotes(now, options.DeathVoteExpirationTimeout).Count > 0 || e.HasMissedIAmAlives(now, options.AllowedIAmAliveMissPeriod))
            {
                result.Add(e.SiloAddress);
            }
        }

        // The next k silos after this one on the ring (Orleans uses several rings; one ring is enough here).
        var ring = candidates.Select(e => e.SiloAddress).Append(local).Distinct().OrderBy(s => s.GetConsistentHashCode()).ThenBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        int me = ring.IndexOf(local);
        for (int i = 1; i < ring.Count && i <= options.NumProbedSilos; i++)
        {
            result.Add(ring[(me + i) % ring.Count]);
        }

        return [.. result.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>
    /// One probe round: probes every monitored silo (each bounded by <see cref="ClusterMembershipOptions.ProbeTimeout"/>),
    /// updates the missed counts, and votes against silos at or past the limit. Returns the silos that failed.
    /// </summary>
    public async Task<IReadOnlyList<SiloAddress>> ProbeMonitoredSilos(CancellationToken cancellationToken = default)
    {
        var targets = GetMonitoredSilos();
        lock (_lock)
        {
            foreach (var silo in _missedProbes.Keys.ToArray())
            {
                if (!targets.Contains(silo))
                {
                    _missedProbes.Remove(silo);
                }
            }
        }

        var results = await Task.WhenAll(targets.Select(t => ProbeOne(t, cancellationToken))).ConfigureAwait(false);
        var failed = new List<SiloAddress>();
        var toSuspect = new List<SiloAddress>();
        for (int i = 0; i < targets.Count; i++)
        {
            lock (_lock)
            {
                if (results[i])
                {
                    _missedProbes.Remove(targets[i]);
                    continue;
                }

                int missed = _missedProbes.GetValueOrDefault(targets[i]) + 1;
                _missedProbes[targets[i]] = missed;
                failed.Add(targets[i]);
                if (missed >= _manager.Options.NumMissedProbesLimit)
                {
                    toSuspect.Add(targets[i]);
                }
            }
        }

        foreach (var silo in toSuspect)
        {
            if (_manager.IsTerminated)
            {
                break;
            }

            try
            {
                await _manager.TryToSuspectOrKill(silo).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The table is unavailable: no vote now; the next failed probe tries again.
                LogVoteFailed(exception, silo);
            }
        }

        return failed;
    }

    /// <summary>Probes one silo with the probe timeout; true when it answered.</summary>
    public async Task<bool> ProbeOne(SiloAddress silo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        int number = Interlocked.Increment(ref _probeNumber);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // The timeout runs on the injected clock, so tests control it.
            await _prober.Probe(silo, number, probe.Token).WaitAsync(_manager.Options.ProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await probe.CancelAsync().ConfigureAwait(false);
            LogProbeFailed(silo, number, exception.GetType().Name);
            return false;
        }
    }

    private static bool IsSuperseded(MembershipTableData table, SiloAddress silo)
    {
        foreach (var row in table.Members)
        {
            if (row.Entry.SiloAddress.IsSuccessorOf(silo))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Probe {Number} of {Silo} failed ({Error})")]
    private partial void LogProbeFailed(SiloAddress silo, int number, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not record a suspicion vote against {Silo}")]
    private partial void LogVoteFailed(Exception exception, SiloAddress silo);
}
