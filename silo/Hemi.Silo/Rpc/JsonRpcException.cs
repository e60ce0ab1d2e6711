using System.Text.Json.Nodes;

namespace Hemi.Silo.Rpc;

/// <summary>A JSON-RPC error answer: code, message and optional data, raised by method handlers and the parameter readers.</summary>
public sealed class JsonRpcException : Exception
{
    public JsonRpcException(int code, string message, JsonNode? data = null)
        : base(message)
    {
        Code = code;
        ErrorData = data;
    }

    public int Code { get; }

    /// <summary>The <c>error.data</c> member, or null.</summary>
    public JsonNode? ErrorData { get; }

    public static JsonRpcException InvalidParams(string message) => new(JsonRpcErrorCodes.InvalidParams, message);

    public static JsonRpcException Server(string message) => new(JsonRpcErrorCodes.ServerError, message);
}
