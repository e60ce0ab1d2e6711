namespace Hemi.Storage.AzureBlob;

/// <summary>Options of <see cref="AzureBlobGrainDirectoryStore"/>.</summary>
public sealed class AzureBlobGrainDirectoryOptions
{
    /// <summary>Default <see cref="ContainerName"/>.</summary>
    public const string DEFAULT_CONTAINER_NAME = "hemi-directory";

    /// <summary>The storage connection string (Shared Key or <c>UseDevelopmentStorage=true</c>). Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container holding every cluster's entries (one folder per cluster id).</summary>
    public string ContainerName { get; set; } = DEFAULT_CONTAINER_NAME;

    /// <summary>Transport settings (retries, timeouts, HTTP handler).</summary>
    public AzureBlobClientOptions Client { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate(string providerName) =>
        AzureBlobOptionsValidation.Validate("Azure Blob grain directory", providerName, ConnectionString, ContainerName, Client);
}
