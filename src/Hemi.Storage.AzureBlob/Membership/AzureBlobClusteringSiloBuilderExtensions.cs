using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Storage;
using Hemi.Storage.AzureBlob;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Opt-in Azure Blob clustering: the membership table on blobs (the cluster id comes from <see cref="ClusterOptions"/>).</summary>
public static class AzureBlobClusteringSiloBuilderExtensions
{
    /// <summary>Membership in Azure Blob storage (<see cref="AzureBlobMembershipTable"/>) with the membership protocol.</summary>
    public static ISiloBuilder UseAzureBlobClustering(this ISiloBuilder builder, Action<AzureBlobClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<AzureBlobClusteringOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureBlobClusteringOptions>>(
            new DelegatingOptionsValidator<AzureBlobClusteringOptions>(Options.DefaultName, o => o.Validate("clustering")));
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => new AzureBlobMembershipTable(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            sp.GetRequiredService<IOptions<AzureBlobClusteringOptions>>().Value)));
        services.AddClusterMembership();
        return builder;
    }
}
