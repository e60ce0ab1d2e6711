using System.Net;

namespace Hemi.Grains.Runtime.Client;

/// <summary>A fixed list of gateway endpoints (tests, or deployments without a shared membership table).</summary>
public sealed class StaticGatewayListProvider : IGatewayListProvider
{
    private readonly IReadOnlyList<SiloAddress> _gateways;

    /// <summary>Creates the provider.</summary>
    public StaticGatewayListProvider(IEnumerable<IPEndPoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _gateways = [.. endpoints.Select(e => new SiloAddress(e, 0))];
        if (_gateways.Count == 0)
        {
            throw new ArgumentException("At least one gateway endpoint is needed.", nameof(endpoints));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SiloAddress>> GetGateways(CancellationToken cancellationToken) => Task.FromResult(_gateways);
}
