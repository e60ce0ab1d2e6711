using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hemi.EndToEnd.Tests.Rpc;

/// <summary>A minimal Ethereum JSON-RPC 2.0 client over HTTP POST (what ethers or a wallet would send).</summary>
internal sealed class JsonRpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private long _nextId;

    public JsonRpcClient(Uri endpoint, TimeSpan? timeout = null)
    {
        _endpoint = endpoint;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Calls <paramref name="method"/>; a JSON-RPC error becomes a <see cref="JsonRpcException"/>.</summary>
    public async Task<JsonNode?> CallAsync(string method, params JsonNode?[] parameters) =>
        await CallAsync(method, parameters, CancellationToken.None);

    public async Task<JsonNode?> CallAsync(string method, JsonNode?[] parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = new JsonArray([.. parameters.Select(p => p?.DeepClone())]),
        };
        using var response = await _http.PostAsJsonAsync(_endpoint, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsonRpcException(method, -1, $"HTTP {(int)response.StatusCode}, body is not JSON: {Truncate(body)} ({e.Message})");
        }

        if (parsed is not JsonObject answer)
        {
            throw new JsonRpcException(method, -1, $"HTTP {(int)response.StatusCode}, body is not a JSON object: {Truncate(body)}");
        }

        if (answer["error"] is JsonObject error)
        {
            throw new JsonRpcException(method, error["code"]?.GetValue<long>() ?? 0, error["message"]?.GetValue<string>() ?? error.ToJsonString());
        }

        return answer["result"];
    }

    public async Task<ulong> BlockNumberAsync() => Quantity.ToUInt64(await CallAsync("eth_blockNumber"));

    public async Task<ulong> ChainIdAsync() => Quantity.ToUInt64(await CallAsync("eth_chainId"));

    public async Task<ulong> TransactionCountAsync(string address, string tag = "latest") =>
        Quantity.ToUInt64(await CallAsync("eth_getTransactionCount", address, tag));

    public async Task<JsonObject?> BlockByNumberAsync(ulong number, bool full = false) =>
        (await CallAsync("eth_getBlockByNumber", Quantity.From(number), full)) as JsonObject;

    public async Task<JsonObject?> ReceiptAsync(string hash) =>
        (await CallAsync("eth_getTransactionReceipt", hash)) as JsonObject;

    public async Task<string> SendRawTransactionAsync(byte[] raw, CancellationToken cancellationToken = default) =>
        (await CallAsync("eth_sendRawTransaction", [Infrastructure.Hex.Prefixed(raw)], cancellationToken))!.GetValue<string>();

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";

    public void Dispose() => _http.Dispose();
}

/// <summary>A JSON-RPC error answer (or a non-JSON-RPC body) for one call.</summary>
internal sealed class JsonRpcException(string method, long code, string message)
    : Exception($"{method}: JSON-RPC error {code}: {message}")
{
    public long Code { get; } = code;
}
