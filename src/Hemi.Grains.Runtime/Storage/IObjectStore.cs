namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// A store of immutable named blobs (blocks, snapshots). Keys are '/'-separated names; a stored
/// object is never overwritten.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="data"/> under <paramref name="key"/> unless the key exists.</summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the key already existed (nothing written).</returns>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    /// <summary>The object's bytes, or <see langword="null"/> when absent.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>The keys that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes the object; <see langword="false"/> when it did not exist.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken ct = default);
}
