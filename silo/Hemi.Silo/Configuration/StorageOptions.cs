namespace Hemi.Silo.Configuration;

/// <summary>Storage settings (section <c>Hemi:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Hemi:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Files;

    /// <summary>Azure Storage connection string (Shared Key, or <c>UseDevelopmentStorage=true</c> for Azurite); required for AzureBlob.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob container of grain state.</summary>
    public string GrainStateContainer { get; set; } = "hemi-grainstate";

    /// <summary>Blob container of immutable objects.</summary>
    public string ObjectContainer { get; set; } = "hemi-objects";

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return "Hemi:Storage:Provider must be Files, AzureBlob or Memory.";
        }

        if (Provider == StorageProvider.AzureBlob && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Hemi:Storage:ConnectionString is required when Hemi:Storage:Provider is AzureBlob.";
        }
    }
}
