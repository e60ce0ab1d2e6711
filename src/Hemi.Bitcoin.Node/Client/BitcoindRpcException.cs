namespace Hemi.Bitcoin.Node.Client;

/// <summary>bitcoind answered a call with a JSON-RPC error object (e.g. -5 "Block not found", -26 a mempool rejection).</summary>
public sealed class BitcoindRpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/> failing with <paramref name="code"/>.</summary>
    public BitcoindRpcException(int code, string message, string method)
        : base($"bitcoind {method} failed with RPC error {code}: {message}")
    {
        Code = code;
        RpcMessage = message;
        Method = method;
    }

    /// <summary>bitcoind's error code (src/rpc/protocol.h).</summary>
    public int Code { get; }

    /// <summary>bitcoind's error message, as sent.</summary>
    public string RpcMessage { get; }

    /// <summary>The RPC method that failed.</summary>
    public string Method { get; }
}
