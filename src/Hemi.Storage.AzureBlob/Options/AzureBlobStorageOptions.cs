using System.Text.Json;

namespace Hemi.Storage.AzureBlob;

/// <summary>Options of <see cref="AzureBlobGrainStorage"/> (Orleans' <c>AzureBlobStorageOptions</c>).</summary>
public sealed class AzureBlobStorageOptions
{
    /// <summary>Default <see cref="ContainerName"/>.</summary>
    public const string DEFAULT_CONTAINER_NAME = "grainstate";

    /// <summary>The storage connection string (Shared Key or <c>UseDevelopmentStorage=true</c>). Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container holding the state blobs; created at start when missing.</summary>
    public string ContainerName { get; set; } = DEFAULT_CONTAINER_NAME;

    /// <summary>
    /// Clear deletes the blob (default, as Orleans). When false, clear uploads an empty blob instead: the record
    /// reads as absent but keeps an ETag, so a zombie holding an older ETag still conflicts.
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>JSON options for the state value; <see langword="null"/> = System.Text.Json defaults.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>Transport settings (retries, timeouts, HTTP handler).</summary>
    public AzureBlobClientOptions Client { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate(string providerName)
    {
        AzureBlobOptionsValidation.Validate("Azure Blob grain storage", providerName, ConnectionString, ContainerName, Client);
    }
}
