using System.Text.Json;

namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>A JSON-RPC error answer seen by <see cref="RpcClient"/>.</summary>
public sealed class RpcErrorException(int code, string message, JsonElement? data) : Exception($"{code}: {message}")
{
    public int Code { get; } = code;

    public string RpcMessage { get; } = message;

    public JsonElement? ErrorData { get; } = data;
}
