namespace Hemi.Bitcoin.Node.Rpc;

/// <summary>The bitcoind RPC error codes this server returns (src/rpc/protocol.h).</summary>
public static class RpcErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int ParseError = -32700;
    public const int MiscError = -1;
    public const int TypeError = -3;
    public const int InvalidAddressOrKey = -5;
    public const int InvalidParameter = -8;
    public const int DeserializationError = -22;
    public const int VerifyError = -25;
    public const int VerifyRejected = -26;
    public const int VerifyAlreadyInChain = -27;
}
