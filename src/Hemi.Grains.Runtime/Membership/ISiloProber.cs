namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Checks that a peer silo answers (Orleans: <c>IRemoteSiloProber</c>). The network prober pings the peer over the
/// silo-to-silo connection; the task completes on an answer and faults or is cancelled otherwise. The health
/// monitor enforces <see cref="ClusterMembershipOptions.ProbeTimeout"/> around it.
/// </summary>
public interface ISiloProber
{
    /// <summary>Probes <paramref name="silo"/>; completes when it answered.</summary>
    Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken);
}
