using System.Net;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Client;

/// <summary>
/// Gateways from the cluster's membership table (Orleans: <c>FindAllGatewayProxyEndpoints</c>): every Active silo
/// with a gateway port, at its address and that port, newest generation per endpoint.
/// </summary>
public sealed class MembershipTableGatewayListProvider(IMembershipTable table) : IGatewayListProvider
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<SiloAddress>> GetGateways(CancellationToken cancellationToken)
    {
        var data = await table.ReadAll().WaitAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = ClusterMembershipSnapshot.FromTable(data);
        var gateways = new List<SiloAddress>();
        foreach (var member in snapshot.GetActiveGateways())
        {
            var silo = member.SiloAddress;
            // A gateway on the silo port is that silo (its generation must answer); a separate port is matched by endpoint.
            gateways.Add(member.ProxyPort == silo.Endpoint.Port
                ? silo
                : new SiloAddress(new IPEndPoint(silo.Endpoint.Address, member.ProxyPort), 0));
        }

        return gateways;
    }
}
