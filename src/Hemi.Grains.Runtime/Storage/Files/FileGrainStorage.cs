namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// Durable grain storage in plain files, the embedded default. One file per (state name, grain):
/// <c>{root}/{stateName}/{grainType}/{key}.state</c>, each component escaped by <see cref="StorageFileName"/>.
/// The ETag is a random version stamp kept in the file header, new on every write.
/// </summary>
/// <remarks>
/// Check-and-write is atomic within the process (one async lock per file). Every write goes to a fsynced
/// temp file that is renamed into place, so a crash leaves either the old or the new record, never a torn one.
/// A create-only write links the temp file to the final name without replacing, so two processes sharing
/// the folder cannot both create; conditional updates across processes are NOT arbitrated (one process per
/// folder). Clear deletes the file.
/// </remarks>
public sealed class FileGrainStorage : IGrainStorage
{
    private const string Extension = ".state";

    private readonly string _root;
    private readonly int _maxStateBytes;
    private readonly GrainStateSerializer _serializer;
    private readonly KeyedAsyncLock _locks = new();

    public FileGrainStorage(FileGrainStorageOptions options, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        _root = Path.GetFullPath(options.RootDirectory);
        _maxStateBytes = options.MaxStateBytes;
        _serializer = new GrainStateSerializer(options.SerializerOptions);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootDirectory => _root;

    /// <summary>The file that holds (<paramref name="stateName"/>, <paramref name="grainId"/>).</summary>
    public string GetFilePath(string stateName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var path = Path.Combine(
            _root,
            StorageFileName.EncodeBounded(stateName),
            StorageFileName.EncodeBounded(grainId.Type.Value),
            StorageFileName.EncodeBounded(grainId.Key) + Extension);
        // Escaping makes this impossible; the check keeps it impossible if the escaping ever changes.
        if (!Path.GetFullPath(path).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new GrainStorageException($"State path for '{stateName}' of {grainId} escapes the storage root.");
        }

        return path;
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = GetFilePath(stateName, grainId);
        var record = await Task.Run(() => Guard(() => StateFile.Read(path, _maxStateBytes), "read", stateName, grainId)).ConfigureAwait(false);
        if (record is null)
        {
            GrainStateDefaults.ResetToMissing(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(record.Value.Payload) ?? GrainStateDefaults.Create<T>();
        grainState.ETag = record.Value.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = GetFilePath(stateName, grainId);
        var payload = _serializer.Serialize(grainState.State);
        if (payload.Length > _maxStateBytes - StateFile.MaxHeaderLength)
        {
            throw new GrainStorageException(
                $"State '{stateName}' of {grainId} serializes to {payload.Length} bytes, above the {_maxStateBytes}-byte limit.");
        }

        var expected = string.IsNullOrEmpty(grainState.ETag) ? null : grainState.ETag;
        var newETag = Guid.NewGuid().ToString("N");
        using (await _locks.AcquireAsync(path).ConfigureAwait(false))
        {
            await Task.Run(() => Guard(
                () =>
                {
                    var folder = Path.GetDirectoryName(path)!;
                    DurableFile.EnsureDirectory(folder);
                    var current = StateFile.ReadETag(path);
                    EnsureCondition(current, expected, stateName, grainId, "write");
                    var temp = DurableFile.WriteTemp(folder, StateFile.BuildHeader(newETag, payload), payload);
                    if (expected is null)
                    {
                        if (!DurableFile.TryMoveNoReplace(temp, path))
                        {
                            throw new InconsistentStateException(
                                $"Cannot write state '{stateName}' of {grainId}: another writer created it first.",
                                null,
                                expected);
                        }
                    }
                    else
                    {
                        DurableFile.MoveReplace(temp, path);
                    }

                    return true;
                },
                "write",
                stateName,
                grainId)).ConfigureAwait(false);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = GetFilePath(stateName, grainId);
        var expected = string.IsNullOrEmpty(grainState.ETag) ? null : grainState.ETag;
        using (await _locks.AcquireAsync(path).ConfigureAwait(false))
        {
            await Task.Run(() => Guard(
                () =>
                {
                    var current = StateFile.ReadETag(path);
                    EnsureCondition(current, expected, stateName, grainId, "clear");
                    if (current is not null)
                    {
                        File.Delete(path);
                        DurableFile.FlushDirectory(Path.GetDirectoryName(path)!);
                    }

                    return true;
                },
                "clear",
                stateName,
                grainId)).ConfigureAwait(false);
        }

        GrainStateDefaults.ResetToMissing(grainState);
    }

    private static void EnsureCondition(string? current, string? expected, string stateName, GrainId grainId, string operation)
    {
        if (expected is null)
        {
            if (current is not null)
            {
                throw new InconsistentStateException(
                    $"Cannot {operation} state '{stateName}' of {grainId}: a record exists but the caller holds no ETag.",
                    current,
                    expected);
            }
        }
        else if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"Cannot {operation} state '{stateName}' of {grainId}: ETag '{expected}' is stale (stored: '{current ?? "none"}').",
                current,
                expected);
        }
    }

    // I/O failures become the typed storage exception; conflicts and already-typed errors pass through.
    private static TResult Guard<TResult>(Func<TResult> action, string operation, string stateName, GrainId grainId)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GrainStorageException($"File storage could not {operation} state '{stateName}' of {grainId}: {ex.Message}", ex);
        }
    }
}
