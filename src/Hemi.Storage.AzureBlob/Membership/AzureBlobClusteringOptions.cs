namespace Hemi.Storage.AzureBlob;

/// <summary>Options of <see cref="AzureBlobMembershipTable"/>.</summary>
public sealed class AzureBlobClusteringOptions
{
    /// <summary>Default <see cref="ContainerName"/>.</summary>
    public const string DEFAULT_CONTAINER_NAME = "hemi-membership";

    /// <summary>The storage connection string (Shared Key or <c>UseDevelopmentStorage=true</c>). Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container holding every cluster's membership blobs (one folder per cluster id).</summary>
    public string ContainerName { get; set; } = DEFAULT_CONTAINER_NAME;

    /// <summary>Largest membership document accepted on read (bounds memory on a corrupt or hostile blob).</summary>
    public int MaxDocumentBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Transport settings (retries, timeouts, HTTP handler).</summary>
    public AzureBlobClientOptions Client { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate(string providerName)
    {
        AzureBlobOptionsValidation.Validate("Azure Blob clustering", providerName, ConnectionString, ContainerName, Client);
        if (MaxDocumentBytes < 1024)
        {
            throw new ArgumentException($"Azure Blob clustering '{providerName}': MaxDocumentBytes must be at least 1024.");
        }
    }
}
