using System.Text.Json;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>Options of <see cref="MemoryGrainStorage"/>.</summary>
public sealed class MemoryGrainStorageOptions
{
    /// <summary>JSON options for the state value; <see langword="null"/> = System.Text.Json defaults.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }
}
