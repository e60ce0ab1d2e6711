using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The interim <see cref="ISiloProber"/> used until silo-to-silo messaging provides network pings: a peer "answers"
/// while its IAmAlive heartbeat in the last table read is fresh (younger than the stale limit plus one refresh
/// period, so a late refresh on our side is not mistaken for a dead peer). It detects crashed processes within
/// minutes, not seconds, and cannot detect a partition that leaves the peer's storage access intact. Register a
/// real prober (before the clustering extension, or with <c>Replace</c>) to override it.
/// </summary>
public sealed class TableIAmAliveSiloProber(IServiceProvider services, TimeProvider timeProvider) : ISiloProber
{
    /// <inheritdoc/>
    public Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // Resolved lazily: the manager depends (through the monitor) on this prober.
        var manager = services.GetRequiredService<MembershipTableManager>();
        var snapshot = manager.MembershipTableSnapshot;
        var row = snapshot?.Table.Find(silo);
        if (row is null)
        {
            return Task.FromException(new SiloUnavailableException($"{silo} is not in the membership table."));
        }

        var limit = manager.Options.AllowedIAmAliveMissPeriod + manager.Options.TableRefreshTimeout;
        return row.Entry.HasMissedIAmAlives(timeProvider.GetUtcNow(), limit)
            ? Task.FromException(new SiloUnavailableException($"{silo} has not published IAmAlive since {row.Entry.LastActivity:O}."))
            : Task.CompletedTask;
    }
}
