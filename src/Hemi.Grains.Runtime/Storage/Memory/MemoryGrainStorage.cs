using System.Globalization;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// In-process grain storage for tests, with the same semantics as the durable providers: state is kept
/// serialized (so callers never share objects with the store), every write gets a fresh ETag, and writes
/// and clears are conditional on the ETag exactly as for Azure Blob.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), StoredRecord> _records = new();
    private readonly Lock _gate = new();
    private readonly GrainStateSerializer _serializer;
    private long _version;

    public MemoryGrainStorage(MemoryGrainStorageOptions? options = null)
    {
        _serializer = new GrainStateSerializer(options?.SerializerOptions);
    }

    /// <summary>The number of stored records (diagnostics and tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        StoredRecord? record;
        lock (_gate)
        {
            _records.TryGetValue((stateName, grainId), out record);
        }

        if (record is null)
        {
            GrainStateDefaults.ResetToMissing(grainState);
            return Task.CompletedTask;
        }

        grainState.State = _serializer.Deserialize<T>(record.Data) ?? GrainStateDefaults.Create<T>();
        grainState.ETag = record.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State);
        var key = (stateName, grainId);
        string newETag;
        lock (_gate)
        {
            _records.TryGetValue(key, out var current);
            EnsureCondition(current, grainState.ETag, stateName, grainId, "write");
            newETag = NextETag();
            _records[key] = new StoredRecord(data, newETag);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        lock (_gate)
        {
            _records.TryGetValue(key, out var current);
            EnsureCondition(current, grainState.ETag, stateName, grainId, "clear");
            _records.Remove(key);
        }

        GrainStateDefaults.ResetToMissing(grainState);
        return Task.CompletedTask;
    }

    private static void EnsureCondition(StoredRecord? current, string? expectedETag, string stateName, GrainId grainId, string operation)
    {
        if (string.IsNullOrEmpty(expectedETag))
        {
            if (current is not null)
            {
                throw new InconsistentStateException(
                    $"Cannot {operation} state '{stateName}' of {grainId}: a record exists but the caller holds no ETag.",
                    current.ETag,
                    expectedETag);
            }
        }
        else if (current is null || !string.Equals(current.ETag, expectedETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"Cannot {operation} state '{stateName}' of {grainId}: ETag '{expectedETag}' is stale (stored: '{current?.ETag ?? "none"}').",
                current?.ETag,
                expectedETag);
        }
    }

    // Instance-wide counter: an ETag is never reused, even after clear and re-create.
    private string NextETag() => (++_version).ToString("x", CultureInfo.InvariantCulture);

    private sealed record StoredRecord(byte[] Data, string ETag);
}
