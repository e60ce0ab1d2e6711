using System.Text.Json;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>Options of <see cref="FileGrainStorage"/>.</summary>
public sealed class FileGrainStorageOptions
{
    /// <summary>Default for <see cref="MaxStateBytes"/>: 64 MiB.</summary>
    public const int DEFAULT_MAX_STATE_BYTES = 64 * 1024 * 1024;

    /// <summary>The folder holding the state files (created when missing). Required.</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>JSON options for the state value; <see langword="null"/> = System.Text.Json defaults.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>Largest state file read or written; bigger ones are refused with <see cref="GrainStorageException"/>.</summary>
    public int MaxStateBytes { get; set; } = DEFAULT_MAX_STATE_BYTES;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(RootDirectory))
        {
            throw new ArgumentException($"File grain storage '{providerName}': RootDirectory is required.");
        }

        if (MaxStateBytes < 1024)
        {
            throw new ArgumentException($"File grain storage '{providerName}': MaxStateBytes must be at least 1024.");
        }
    }
}
