using System.Runtime.CompilerServices;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on the local file system. A key's '/'-separated segments become folders, each
/// escaped by <see cref="StorageFileName"/>, and the object is the file <c>{last segment}.obj</c>
/// (the suffix keeps "a" and "a/b" from colliding). Puts are fsynced temp files linked into place without
/// replacing, so put-if-absent is atomic even across processes; deletes rename the file away first, so only
/// one concurrent delete reports success.
/// </summary>
public sealed class FileObjectStore : IObjectStore
{
    private const string Extension = ".obj";
    private const int MaxSegmentFileNameLength = 240;

    private readonly string _root;
    private readonly int _maxObjectBytes;

    public FileObjectStore(FileObjectStoreOptions options, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        _root = Path.GetFullPath(options.RootDirectory);
        _maxObjectBytes = options.MaxObjectBytes;
        Directory.CreateDirectory(_root);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc />
    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (data.Length > _maxObjectBytes)
        {
            throw new GrainStorageException($"Object '{key}' is {data.Length} bytes, above the {_maxObjectBytes}-byte limit.");
        }

        return Task.Run(
            () => Guard(
                () =>
                {
                    if (File.Exists(path))
                    {
                        return false;
                    }

                    var folder = Path.GetDirectoryName(path)!;
                    DurableFile.EnsureDirectory(folder);
                    var temp = DurableFile.WriteTemp(folder, data);
                    return DurableFile.TryMoveNoReplace(temp, path);
                },
                "store",
                key),
            ct);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        return Task.Run(
            () => Guard<byte[]?>(
                () =>
                {
                    try
                    {
                        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                        if (stream.Length > _maxObjectBytes)
                        {
                            throw new GrainStorageException($"Object '{key}' is {stream.Length} bytes, above the {_maxObjectBytes}-byte limit.");
                        }

                        var data = new byte[stream.Length];
                        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                        return read == data.Length
                            ? data
                            : throw new GrainStorageException($"Object '{key}' changed size while being read.");
                    }
                    catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
                    {
                        return null;
                    }
                },
                "read",
                key),
            ct);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var keys = await Task.Run(
            () => Guard(
                () =>
                {
                    var found = new List<string>();
                    Collect(_root, string.Empty, prefix, found, ct);
                    found.Sort(StringComparer.Ordinal);
                    return found;
                },
                "list",
                prefix),
            ct).ConfigureAwait(false);
        foreach (var key in keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return key;
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        return Task.Run(
            () => Guard(
                () =>
                {
                    var folder = Path.GetDirectoryName(path)!;
                    var doomed = Path.Combine(folder, DurableFile.TempPrefix + Guid.NewGuid().ToString("N"));
                    try
                    {
                        // The rename decides the winner among concurrent deletes; the loser finds no file.
                        File.Move(path, doomed, overwrite: false);
                    }
                    catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
                    {
                        return false;
                    }

                    File.Delete(doomed);
                    DurableFile.FlushDirectory(folder);
                    return true;
                },
                "delete",
                key),
            ct);
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(key);
        var segments = key.Split('/');
        var parts = new string[segments.Length + 1];
        parts[0] = _root;
        for (var i = 0; i < segments.Length; i++)
        {
            var encoded = StorageFileName.Encode(segments[i]);
            if (i == segments.Length - 1)
            {
                encoded += Extension;
            }

            if (encoded.Length > MaxSegmentFileNameLength)
            {
                throw new ArgumentException(
                    $"Object key segment '{segments[i][..Math.Min(40, segments[i].Length)]}…' is too long for the file store ({encoded.Length} encoded characters, at most {MaxSegmentFileNameLength}).",
                    nameof(key));
            }

            parts[i + 1] = encoded;
        }

        return Path.Combine(parts);
    }

    private static void Collect(string folder, string keyPrefix, string wanted, List<string> found, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return; // removed while listing
        }

        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue; // temp files
            }

            if (name.EndsWith(Extension, StringComparison.Ordinal))
            {
                if (StorageFileName.TryDecode(name[..^Extension.Length], out var last))
                {
                    var key = keyPrefix + last;
                    if (key.StartsWith(wanted, StringComparison.Ordinal) && File.Exists(entry))
                    {
                        found.Add(key);
                    }
                }
            }
            else if (StorageFileName.TryDecode(name, out var segment) && Directory.Exists(entry))
            {
                var sub = keyPrefix + segment + "/";
                // Descend only where keys starting with `wanted` can live.
                if (sub.StartsWith(wanted, StringComparison.Ordinal) || wanted.StartsWith(sub, StringComparison.Ordinal))
                {
                    Collect(entry, sub, wanted, found, ct);
                }
            }
        }
    }

    private static TResult Guard<TResult>(Func<TResult> action, string operation, string key)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GrainStorageException($"File object store could not {operation} '{key}': {ex.Message}", ex);
        }
    }
}
