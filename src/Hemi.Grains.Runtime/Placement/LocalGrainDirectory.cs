using System.Collections.Concurrent;

namespace Hemi.Grains.Runtime.Placement;

/// <summary>An in-memory directory for a single silo; the cluster replaces it with a storage-backed one.</summary>
public sealed class LocalGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    /// <summary>Number of registered activations.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public Task<GrainAddress> Register(GrainAddress address, GrainAddress? previousAddress = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        while (true)
        {
            if (_entries.TryAdd(address.GrainId, address))
            {
                return Task.FromResult(address);
            }

            if (!_entries.TryGetValue(address.GrainId, out var existing))
            {
                continue;
            }

            if (previousAddress is null || existing != previousAddress)
            {
                return Task.FromResult(existing);
            }

            if (_entries.TryUpdate(address.GrainId, address, existing))
            {
                return Task.FromResult(address);
            }
        }
    }

    /// <inheritdoc/>
    public Task Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult(_entries.TryGetValue(grainId, out var a) ? a : null);
}
