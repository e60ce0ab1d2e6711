using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// The network <see cref="ISiloProber"/> (Orleans: <c>RemoteSiloProber</c>): a ping frame over the silo-to-silo
/// connection, answered by the peer's transport read loop, so a crashed, partitioned or frozen peer fails within the
/// probe timeout with <see cref="SiloResponseTimeoutException"/> or <see cref="SiloUnavailableException"/>.
/// </summary>
public sealed class NetworkSiloProber : ISiloProber
{
    private readonly Lazy<SiloConnectionManager> _connections;
    private readonly TimeSpan _probeTimeout;

    /// <summary>Creates the prober over <paramref name="connections"/>.</summary>
    public NetworkSiloProber(SiloConnectionManager connections, TimeSpan probeTimeout)
        : this(() => connections, probeTimeout)
    {
        ArgumentNullException.ThrowIfNull(connections);
    }

    /// <summary>
    /// Creates the prober with a deferred connection manager: in a silo the manager depends on membership, which
    /// depends on this prober, so it can only be resolved at the first probe.
    /// </summary>
    public NetworkSiloProber(Func<SiloConnectionManager> connections, TimeSpan probeTimeout)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probeTimeout, TimeSpan.Zero);
        _connections = new Lazy<SiloConnectionManager>(connections);
        _probeTimeout = probeTimeout;
    }

    /// <inheritdoc/>
    public Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // The connection decides a little before the health monitor's own timeout, so that its rule (traffic from
        // the peer after the ping is an answer) is what counts, not a race between two timers.
        return _connections.Value.Ping(silo, _probeTimeout * 0.9, cancellationToken);
    }
}
