using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>A minimal JSON-RPC 2.0 client over <see cref="HttpClient"/>, as a wallet library would call the silo.</summary>
public sealed class RpcClient(HttpClient http, string path = "/rpc")
{
    private int _id;

    /// <summary>Calls <paramref name="method"/>; returns <c>result</c> or throws <see cref="RpcErrorException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, params object?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters),
        };
        var (status, body) = await PostAsync(request.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        if (root.TryGetProperty("error", out var error))
        {
            throw new RpcErrorException(
                error.GetProperty("code").GetInt32(),
                error.GetProperty("message").GetString()!,
                error.TryGetProperty("data", out var data) ? data.Clone() : null);
        }

        return root.GetProperty("result").Clone();
    }

    public async Task<RpcErrorException> ErrorAsync(string method, params object?[] parameters) =>
        await Assert.ThrowsAsync<RpcErrorException>(() => CallAsync(method, parameters));

    /// <summary>Posts a raw body; returns the status and the body text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string body) =>
        await PostAsync(Encoding.UTF8.GetBytes(body));

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
