using System.Security.Cryptography;

namespace Hemi.Silo.Rpc.Filters;

/// <summary>
/// The filters installed on this gateway (<c>eth_newFilter</c>, <c>eth_newBlockFilter</c>), as geth keeps them: in
/// memory, under unguessable ids, and removed once not polled for <see cref="JsonRpcLimits.FilterTimeout"/>. The count is
/// bounded so that clients that never uninstall cannot grow it without end.
/// </summary>
public sealed class RpcFilterRegistry(JsonRpcLimits limits, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RpcFilter> _filters = new(StringComparer.Ordinal);

    /// <summary>Installs a filter whose first poll reports from <paramref name="nextBlock"/>; returns it with its id.</summary>
    /// <exception cref="JsonRpcException">As many filters as <see cref="JsonRpcLimits.MaxFilters"/> are installed.</exception>
    public RpcFilter Install(RpcFilterKind kind, Methods.LogFilter? criteria, ulong nextBlock)
    {
        var id = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
        {
            RemoveExpired();
            if (_filters.Count >= limits.MaxFilters)
            {
                throw JsonRpcException.Server($"too many filters installed (limit {limits.MaxFilters}); uninstall some or let them expire");
            }

            var filter = new RpcFilter(id, kind, criteria, nextBlock, time.GetTimestamp());
            _filters[id] = filter;
            return filter;
        }
    }

    /// <summary>The live filter with this id, its timeout restarted; null when unknown or expired.</summary>
    public RpcFilter? Poll(string id)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (!_filters.TryGetValue(id, out var filter))
            {
                return null;
            }

            filter.LastPolled = time.GetTimestamp();
            return filter;
        }
    }

    /// <summary>Removes a filter; false when it was not installed (or already expired).</summary>
    public bool Uninstall(string id)
    {
        lock (_lock)
        {
            RemoveExpired();
            return _filters.Remove(id);
        }
    }

    private void RemoveExpired()
    {
        var now = time.GetTimestamp();
        var timeout = limits.FilterTimeout;
        List<string>? expired = null;
        foreach (var (id, filter) in _filters)
        {
            if (time.GetElapsedTime(filter.LastPolled, now) >= timeout)
            {
                (expired ??= []).Add(id);
            }
        }

        expired?.ForEach(id => _filters.Remove(id));
    }
}
