namespace Hemi.Bitcoin.Node.Rpc;

/// <summary>Settings of a <see cref="RegtestRpcServer"/>.</summary>
public sealed class RegtestRpcOptions
{
    /// <summary>Largest accepted request body; bigger requests get HTTP 413 before any parsing.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Loopback port to bind; 0 picks a free one (see <see cref="RegtestRpcServer.Endpoint"/>).</summary>
    public int Port { get; set; }
}
