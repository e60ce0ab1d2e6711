namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// The state of one named record of one grain as seen by a storage provider: the value, the
/// opaque version tag used for optimistic concurrency, and whether a record exists in the store.
/// </summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The in-memory value. Providers set it to a new/default value when no record exists.</summary>
    T State { get; set; }

    /// <summary>The version tag of the stored record; <see langword="null"/> when no record is known.</summary>
    string? ETag { get; set; }

    /// <summary>Whether the store holds a record for this state.</summary>
    bool RecordExists { get; set; }
}
