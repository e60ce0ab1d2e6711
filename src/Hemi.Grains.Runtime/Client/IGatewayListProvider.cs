namespace Hemi.Grains.Runtime.Client;

/// <summary>
/// Where an external client finds gateways (Orleans: <c>IGatewayListProvider</c>). A gateway with generation 0 is an
/// endpoint only (static lists): whichever silo generation answers there is accepted.
/// </summary>
public interface IGatewayListProvider
{
    /// <summary>The gateways that are currently believed to be alive.</summary>
    Task<IReadOnlyList<SiloAddress>> GetGateways(CancellationToken cancellationToken);
}
