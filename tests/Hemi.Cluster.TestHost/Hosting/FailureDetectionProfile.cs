using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>Named sets of failure-detection settings a test host runs with.</summary>
public enum FailureDetectionProfile
{
    /// <summary>Seconds, not minutes: probes time out after 2 s, vote after 3 misses, IAmAlive every 1 s, table re-read every 1 s.</summary>
    Test,

    /// <summary>Orleans' defaults (design doc §8.3), untouched: 5 s probes, 3 misses, 2 votes, 30 s IAmAlive, 60 s refresh.</summary>
    Production,
}

/// <summary>Applies a <see cref="FailureDetectionProfile"/> to <see cref="ClusterMembershipOptions"/>.</summary>
public static class FailureDetectionProfiles
{
    /// <summary>Parses <c>test</c> or <c>production</c> (case-insensitive).</summary>
    public static FailureDetectionProfile Parse(string text) => text.ToLowerInvariant() switch
    {
        "test" => FailureDetectionProfile.Test,
        "production" or "prod" => FailureDetectionProfile.Production,
        _ => throw new TestHostArgumentException($"Unknown failure-detection profile '{text}' (test or production)."),
    };

    /// <summary>Sets the profile's values (production leaves the defaults).</summary>
    public static void Apply(FailureDetectionProfile profile, ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (profile != FailureDetectionProfile.Test)
        {
            return;
        }

        // 1 s and 2 misses voted live silos dead when the host stole a quarter of both cores while three silos, Azurite and
        // the test runner shared them (probes of every peer timed out together); 2 s and 3 misses ride that out.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedTableIAmAliveLimit = 3;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.MaxJoinAttemptTime = TimeSpan.FromSeconds(60);
        // Dead rows of killed silos pile up in chaos runs; prune them quickly so each table read stays small.
        options.DefunctSiloCleanupPeriod = TimeSpan.FromSeconds(30);
        options.DefunctSiloExpiration = TimeSpan.FromMinutes(2);
    }
}
