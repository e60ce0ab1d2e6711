namespace Hemi.Grains.Runtime.Storage;

/// <summary>Options of <see cref="FileObjectStore"/>.</summary>
public sealed class FileObjectStoreOptions
{
    /// <summary>Default for <see cref="MaxObjectBytes"/>: 256 MiB.</summary>
    public const int DEFAULT_MAX_OBJECT_BYTES = 256 * 1024 * 1024;

    /// <summary>The folder holding the objects (created when missing). Required.</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>Largest object stored or read; bigger ones are refused with <see cref="GrainStorageException"/>.</summary>
    public int MaxObjectBytes { get; set; } = DEFAULT_MAX_OBJECT_BYTES;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(RootDirectory))
        {
            throw new ArgumentException($"File object store '{providerName}': RootDirectory is required.");
        }

        if (MaxObjectBytes < 1)
        {
            throw new ArgumentException($"File object store '{providerName}': MaxObjectBytes must be positive.");
        }
    }
}
