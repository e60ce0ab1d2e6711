namespace Hemi.Silo.Rpc;

/// <summary>A JSON-RPC hex value (quantity, data, address, hash) is malformed; the message says how, in geth's words.</summary>
public sealed class RpcHexFormatException : FormatException
{
    public RpcHexFormatException(string message)
        : base(message)
    {
    }
}
