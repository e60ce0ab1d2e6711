namespace Hemi.Silo.Rpc.Filters;

/// <summary>What an installed filter reports on each poll.</summary>
public enum RpcFilterKind
{
    /// <summary><c>eth_newFilter</c>: the matching logs of the blocks sealed since the last poll.</summary>
    Logs,

    /// <summary><c>eth_newBlockFilter</c>: the hashes of the blocks sealed since the last poll.</summary>
    Blocks,
}
