using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>In-process <see cref="IObjectStore"/> for tests: put-if-absent, copies on the way in and out.</summary>
public sealed class MemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(_objects.TryAdd(key, data.ToArray()));
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(_objects.TryGetValue(key, out var data) ? (byte[]?)data.ToArray() : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var keys = _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(_objects.TryRemove(key, out _));
    }
}
