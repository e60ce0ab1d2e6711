namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Failure-detection and membership settings (Orleans: <c>ClusterMembershipOptions</c>), with Orleans' defaults.
/// Tests shrink them (1 missed probe, 1 vote, a 2 s refresh) as Orleans' own tests do.
/// </summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>Peers each silo probes on the hash ring (suspected and stale silos are probed in addition).</summary>
    public int NumProbedSilos { get; set; } = 10;

    /// <summary>Consecutive failed probes before the prober votes the target suspect.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>The probe period and the timeout of one probe.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Votes needed to declare a silo dead (capped by half the live silos, rounded up).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>Age after which a suspicion vote no longer counts.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Period of the full table re-read.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Period of the IAmAlive heartbeat write.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Missed heartbeats after which a row is stale (not a live voter; always probed).</summary>
    public int NumMissedTableIAmAliveLimit { get; set; } = 3;

    /// <summary>How long a joining silo keeps trying to reach every active silo before giving up.</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Probe every active silo before becoming active (a partitioned process cannot join one side).</summary>
    public bool ValidateInitialConnectivity { get; set; } = true;

    /// <summary>Whether probing and voting run at all.</summary>
    public bool LivenessEnabled { get; set; } = true;

    /// <summary>Dead rows whose last activity is older than this are deleted.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Period of the defunct-row cleanup.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many dead rows are kept; older ones are pruned even before their expiration.</summary>
    public int MaxDefunctSiloEntries { get; set; } = 25;

    /// <summary>A row is stale when its heartbeat is older than this (publish period × missed limit).</summary>
    public TimeSpan AllowedIAmAliveMissPeriod => IAmAliveTablePublishTimeout * NumMissedTableIAmAliveLimit;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        Require(NumProbedSilos >= 1, "NumProbedSilos must be at least 1.");
        Require(NumMissedProbesLimit >= 1, "NumMissedProbesLimit must be at least 1.");
        Require(ProbeTimeout > TimeSpan.Zero, "ProbeTimeout must be positive.");
        Require(NumVotesForDeathDeclaration >= 1, "NumVotesForDeathDeclaration must be at least 1.");
        Require(DeathVoteExpirationTimeout > TimeSpan.Zero, "DeathVoteExpirationTimeout must be positive.");
        Require(TableRefreshTimeout > TimeSpan.Zero, "TableRefreshTimeout must be positive.");
        Require(IAmAliveTablePublishTimeout > TimeSpan.Zero, "IAmAliveTablePublishTimeout must be positive.");
        Require(NumMissedTableIAmAliveLimit >= 1, "NumMissedTableIAmAliveLimit must be at least 1.");
        Require(MaxJoinAttemptTime > TimeSpan.Zero, "MaxJoinAttemptTime must be positive.");
        Require(DefunctSiloExpiration > TimeSpan.Zero, "DefunctSiloExpiration must be positive.");
        Require(DefunctSiloCleanupPeriod > TimeSpan.Zero, "DefunctSiloCleanupPeriod must be positive.");
        Require(MaxDefunctSiloEntries >= 0, "MaxDefunctSiloEntries must not be negative.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
