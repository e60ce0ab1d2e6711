namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>
/// The directory's local cache: least-recently-used eviction beyond a capacity, and a maximum age after which an
/// entry is re-read (Orleans' <c>GrainDirectoryOptions</c>: LRU, 240 s max TTL). Only a hint: entries on silos that
/// die are evicted on the membership change, and the store stays authoritative.
/// </summary>
public sealed class GrainLocatorCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, LinkedListNode<Item>> _items = [];
    private readonly LinkedList<Item> _lru = new();
    private readonly int _capacity;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;

    /// <summary>Creates a cache.</summary>
    public GrainLocatorCache(int capacity, TimeSpan maxAge, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _capacity = capacity;
        _maxAge = maxAge;
        _time = timeProvider;
    }

    /// <summary>Number of cached entries (expired ones included until touched).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Caches <paramref name="entry"/>, replacing what was cached for the grain.</summary>
    public void Put(GrainDirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var expires = _time.GetUtcNow() + _maxAge;
        lock (_lock)
        {
            if (_items.TryGetValue(entry.GrainId, out var node))
            {
                _lru.Remove(node);
            }

            node = _lru.AddFirst(new Item(entry, expires));
            _items[entry.GrainId] = node;
            while (_items.Count > _capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _items.Remove(last.Value.Entry.GrainId);
            }
        }
    }

    /// <summary>The cached entry when present and not expired.</summary>
    public bool TryGet(GrainId grainId, out GrainDirectoryEntry entry)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_items.TryGetValue(grainId, out var node))
            {
                if (node.Value.Expires > now)
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    entry = node.Value.Entry;
                    return true;
                }

                _lru.Remove(node);
                _items.Remove(grainId);
            }
        }

        entry = null!;
        return false;
    }

    /// <summary>Removes the grain's entry; when <paramref name="onlyIf"/> is set, only if that activation is cached.</summary>
    public void Remove(GrainId grainId, GrainAddress? onlyIf = null)
    {
        lock (_lock)
        {
            if (_items.TryGetValue(grainId, out var node) && (onlyIf is null || node.Value.Entry.IsSameActivation(onlyIf)))
            {
                _lru.Remove(node);
                _items.Remove(grainId);
            }
        }
    }

    /// <summary>Removes every entry matching <paramref name="predicate"/>; returns how many.</summary>
    public int RemoveWhere(Func<GrainDirectoryEntry, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_lock)
        {
            var doomed = _items.Values.Where(n => predicate(n.Value.Entry)).ToList();
            foreach (var node in doomed)
            {
                _lru.Remove(node);
                _items.Remove(node.Value.Entry.GrainId);
            }

            return doomed.Count;
        }
    }

    private readonly record struct Item(GrainDirectoryEntry Entry, DateTimeOffset Expires);
}
