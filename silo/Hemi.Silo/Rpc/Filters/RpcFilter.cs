using Hemi.Silo.Rpc.Methods;

namespace Hemi.Silo.Rpc.Filters;

/// <summary>
/// One installed filter: what it selects and the first block its next poll reports. Polls of the same filter take turns
/// (<see cref="Gate"/>), so two concurrent <c>eth_getFilterChanges</c> never report a block twice.
/// </summary>
public sealed class RpcFilter
{
    internal RpcFilter(string id, RpcFilterKind kind, LogFilter? criteria, ulong nextBlock, long lastPolled)
    {
        Id = id;
        Kind = kind;
        Criteria = criteria;
        NextBlock = nextBlock;
        LastPolled = lastPolled;
    }

    public string Id { get; }

    public RpcFilterKind Kind { get; }

    /// <summary>The log criteria of a <see cref="RpcFilterKind.Logs"/> filter.</summary>
    public LogFilter? Criteria { get; }

    /// <summary>The first block the next poll reports; moved forward by each poll (under <see cref="Gate"/>).</summary>
    public ulong NextBlock { get; set; }

    /// <summary>Held while a poll reads and moves <see cref="NextBlock"/>.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The <see cref="TimeProvider"/> timestamp of the last install or poll.</summary>
    internal long LastPolled { get; set; }
}
