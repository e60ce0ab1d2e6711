using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Bitcoin.Node.Rpc;

/// <summary>
/// A bitcoind-compatible JSON-RPC 1.0 endpoint for a <see cref="RegtestNode"/> on loopback (Kestrel), so tools that speak
/// bitcoind's RPC can drive the in-process node. Single and batch requests; bitcoind's error codes and HTTP statuses.
/// </summary>
public sealed class RegtestRpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegtestRpcServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:54321/.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts the server on 127.0.0.1.</summary>
    public static async Task<RegtestRpcServer> StartAsync(RegtestNode node, RegtestRpcOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        options ??= new RegtestRpcOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodyBytes, 1);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        var app = builder.Build();
        var dispatcher = new RpcDispatcher(node);
        app.MapPost("/", (HttpContext context) => HandleAsync(context, dispatcher));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegtestRpcServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, RpcDispatcher dispatcher)
    {
        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, Error(null, RpcErrorCodes.ParseError, "Parse error")).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (request is JsonArray batch)
        {
            var responses = new JsonArray();
            foreach (var item in batch)
            {
                responses.Add((await dispatcher.DispatchAsync(item, context.RequestAborted).ConfigureAwait(false)).Response);
            }

            await WriteAsync(context, StatusCodes.Status200OK, responses).ConfigureAwait(false);
            return;
        }

        var (response, status) = await dispatcher.DispatchAsync(request, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, status, response).ConfigureAwait(false);
    }

    internal static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["result"] = null,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        ["id"] = id?.DeepClone(),
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString() + "\n", context.RequestAborted).ConfigureAwait(false);
    }
}
