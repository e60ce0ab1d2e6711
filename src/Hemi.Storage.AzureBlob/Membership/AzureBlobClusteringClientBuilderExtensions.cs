using Hemi.Grains.Runtime.Client;
using Hemi.Grains.Runtime.Membership;
using Hemi.Storage.AzureBlob;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Gateway discovery for an external client from the Azure Blob membership table the silos use.</summary>
public static class AzureBlobClusteringClientBuilderExtensions
{
    /// <summary>
    /// Reads gateways (Active silos with a gateway port) from the cluster's membership blob; set the cluster with
    /// <c>Configure(o =&gt; o.ClusterId = …)</c>. The list is re-read every <c>GatewayListRefreshPeriod</c>.
    /// </summary>
    public static IClientBuilder UseAzureBlobClustering(this IClientBuilder builder, Action<AzureBlobClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<AzureBlobClusteringOptions>().Configure(configure).Validate(o => { o.Validate("client clustering"); return true; });
        services.Replace(ServiceDescriptor.Singleton<IGatewayListProvider>(sp => new MembershipTableGatewayListProvider(new AzureBlobMembershipTable(
            sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value.ClusterId,
            sp.GetRequiredService<IOptions<AzureBlobClusteringOptions>>().Value))));
        return builder;
    }
}
