using System.Collections.Concurrent;

namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>
/// An in-process <see cref="IGrainDirectoryStore"/> (tests, and several silos in one process sharing one instance),
/// with the same per-grain compare-and-swap semantics as the durable stores.
/// </summary>
public sealed class MemoryGrainDirectoryStore : IGrainDirectoryStore
{
    private readonly ConcurrentDictionary<GrainId, GrainDirectoryEntry> _entries = new();

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Every entry (a moment's copy).</summary>
    public IReadOnlyList<GrainDirectoryEntry> Entries => [.. _entries.Values];

    /// <inheritdoc/>
    public Task<GrainDirectoryEntry> Register(GrainDirectoryEntry entry, GrainDirectoryEntry? previous)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (previous is not null && previous.GrainId != entry.GrainId)
        {
            throw new ArgumentException("The previous entry belongs to another grain.", nameof(previous));
        }

        while (true)
        {
            if (_entries.TryAdd(entry.GrainId, entry))
            {
                return Task.FromResult(entry);
            }

            if (!_entries.TryGetValue(entry.GrainId, out var existing))
            {
                continue;
            }

            if (previous is null || !existing.IsSameActivation(previous.Address))
            {
                return Task.FromResult(existing);
            }

            if (_entries.TryUpdate(entry.GrainId, entry, existing))
            {
                return Task.FromResult(entry);
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        while (_entries.TryGetValue(address.GrainId, out var existing))
        {
            if (!existing.IsSameActivation(address))
            {
                return Task.FromResult(false);
            }

            if (_entries.TryRemove(new KeyValuePair<GrainId, GrainDirectoryEntry>(address.GrainId, existing)))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <inheritdoc/>
    public Task<GrainDirectoryEntry?> Lookup(GrainId grainId) =>
        Task.FromResult(_entries.TryGetValue(grainId, out var entry) ? entry : null);
}
