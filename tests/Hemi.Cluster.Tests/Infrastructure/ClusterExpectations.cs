using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>Timing bounds the tests hold a cluster to, derived from the failure-detection profile it runs with.</summary>
public static class ClusterExpectations
{
    /// <summary>Slack for a noisy shared CI machine (process scheduling, Azurite latency, JIT of cold paths).</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    /// <summary>The profile's membership settings.</summary>
    public static ClusterMembershipOptions Options(FailureDetectionProfile profile)
    {
        var options = new ClusterMembershipOptions();
        FailureDetectionProfiles.Apply(profile, options);
        return options;
    }

    /// <summary>
    /// How long a crash may take to become a Dead row seen by every survivor: the missed probes (one extra period for
    /// the phase of the probe loop), then one table refresh for the vote and one for survivors to read the result.
    /// </summary>
    public static TimeSpan DeathDetection(FailureDetectionProfile profile)
    {
        var o = Options(profile);
        return (o.ProbeTimeout * (o.NumMissedProbesLimit + 1)) + (o.TableRefreshTimeout * 2) + Slack;
    }
}
