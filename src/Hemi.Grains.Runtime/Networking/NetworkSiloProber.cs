using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// The network <see cref="ISiloProber"/> (Orleans: <c>RemoteSiloProber</c>): a ping frame over the silo-to-silo
/// connection, answered by the peer's transport read loop, so a crashed, partitioned or frozen peer fails within
/// <see cref="ClusterMembershipOptions.ProbeTimeout"/> with <see cref="SiloResponseTimeoutException"/> or
/// <see cref="SiloUnavailableException"/>.
/// </summary>
public sealed class NetworkSiloProber(SiloConnectionManager connections, TimeSpan probeTimeout) : ISiloProber
{
    /// <inheritdoc/>
    public Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return connections.Ping(silo, probeTimeout, cancellationToken);
    }
}
