namespace Hemi.Bitcoin.Node.Rpc;

/// <summary>A JSON-RPC error with bitcoind's numeric code (e.g. -8 invalid parameter, -5 not found, -26 rejected).</summary>
public sealed class RpcException(int code, string message) : Exception(message)
{
    /// <summary>bitcoind's RPC error code.</summary>
    public int Code { get; } = code;
}
