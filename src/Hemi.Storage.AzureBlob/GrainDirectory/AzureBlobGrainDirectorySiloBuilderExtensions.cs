using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Storage;
using Hemi.Storage.AzureBlob;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Opt-in storage-backed grain directory on Azure Blob storage (the cluster id comes from <see cref="ClusterOptions"/>).</summary>
public static class AzureBlobGrainDirectorySiloBuilderExtensions
{
    /// <summary>The storage-backed grain directory in Azure Blob storage (<see cref="AzureBlobGrainDirectoryStore"/>); needs clustering.</summary>
    public static ISiloBuilder UseAzureBlobGrainDirectory(this ISiloBuilder builder, Action<AzureBlobGrainDirectoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<AzureBlobGrainDirectoryOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureBlobGrainDirectoryOptions>>(
            new DelegatingOptionsValidator<AzureBlobGrainDirectoryOptions>(Options.DefaultName, o => o.Validate("directory")));
        services.Replace(ServiceDescriptor.Singleton<IGrainDirectoryStore>(sp => new AzureBlobGrainDirectoryStore(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            sp.GetRequiredService<IOptions<AzureBlobGrainDirectoryOptions>>().Value)));
        services.AddClusterGrainDirectory();
        return builder;
    }
}
