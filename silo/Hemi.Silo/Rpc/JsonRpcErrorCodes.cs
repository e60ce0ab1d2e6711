namespace Hemi.Silo.Rpc;

/// <summary>JSON-RPC 2.0 error codes, plus the ones Ethereum clients (geth) use.</summary>
public static class JsonRpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>geth's generic server error: transaction rejections, unavailable state, limits.</summary>
    public const int ServerError = -32000;

    /// <summary>geth's code for a reverted <c>eth_call</c>/<c>eth_estimateGas</c>; the revert data is in <c>error.data</c>.</summary>
    public const int ExecutionReverted = 3;
}
