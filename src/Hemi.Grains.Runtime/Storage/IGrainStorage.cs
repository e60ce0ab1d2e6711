namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// A grain state storage provider (Orleans' <c>IGrainStorage</c> shape). One call covers one record,
/// identified by (<c>stateName</c>, <c>grainId</c>), and is guarded by the record's ETag.
/// </summary>
/// <remarks>
/// Contract shared by every provider:
/// <list type="bullet">
/// <item>Read of a missing record: <c>State</c> = a new/default value, <c>ETag</c> = null, <c>RecordExists</c> = false.</item>
/// <item>Write with a null ETag is create-only; otherwise the stored ETag must match. On success the ETag changes
/// (even for identical data) and <c>RecordExists</c> = true.</item>
/// <item>Clear uses the same condition, then leaves <c>RecordExists</c> = false and a default <c>State</c>.</item>
/// <item>A condition failure throws <see cref="InconsistentStateException"/>; any other failure throws
/// <see cref="GrainStorageException"/> (never a silent default).</item>
/// </list>
/// </remarks>
public interface IGrainStorage
{
    /// <summary>Loads the record into <paramref name="grainState"/>.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Stores <paramref name="grainState"/> conditionally on its ETag and updates the ETag.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Removes (or resets) the record conditionally on its ETag.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
}
