using System.Text.Json.Nodes;
using Hemi.Silo.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Silo.Rpc;

/// <summary>
/// The HTTP side of JSON-RPC: <c>POST /rpc</c> and <c>POST /</c>, bodies bounded before parsing (HTTP 413 with a -32600
/// error beyond the limit), permissive CORS so browser dapps can call it directly.
/// </summary>
public static class JsonRpcEndpoint
{
    public static IEndpointRouteBuilder MapJsonRpc(this IEndpointRouteBuilder endpoints, params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var pattern in patterns)
        {
            endpoints.MapPost(pattern, HandleAsync);
            endpoints.MapMethods(pattern, ["OPTIONS"], Preflight);
        }

        return endpoints;
    }

    private static IResult Preflight(HttpContext context)
    {
        AddCors(context.Response);
        context.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        context.Response.Headers.AccessControlAllowHeaders = "content-type";
        context.Response.Headers.AccessControlMaxAge = "86400";
        return Results.NoContent();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var limits = services.GetRequiredService<JsonRpcLimits>();
        var dispatcher = services.GetRequiredService<JsonRpcDispatcher>();
        var metrics = services.GetRequiredService<GatewayMetrics>();
        AddCors(context.Response);
        var body = await ReadBoundedAsync(context, limits.MaxBodyBytes);
        if (body is null)
        {
            metrics.RpcRequest();
            metrics.RpcError();
            await WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                JsonRpcDispatcher.Error(null, JsonRpcErrorCodes.InvalidRequest, $"request body too large: the limit is {limits.MaxBodyBytes} bytes"));
            return;
        }

        var response = await dispatcher.DispatchAsync(body.Value, context.RequestAborted);
        Count(metrics, response);
        if (response is null)
        {
            // Only notifications: JSON-RPC sends nothing back.
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, response);
    }

    /// <summary>The body, or null when it exceeds <paramref name="limit"/> (read no further than the limit).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own bound below is exact; lift Kestrel's default (30 MB) so it never interferes with a smaller configured one.
            sizeFeature.MaxRequestBodySize = null;
        }

        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)limit + 1, buffer.Length * 2L));
            }

            var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > limit)
            {
                return null;
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static void Count(GatewayMetrics metrics, JsonNode? response)
    {
        switch (response)
        {
            case JsonArray batch:
                foreach (var item in batch)
                {
                    Count(metrics, item);
                }

                break;
            case JsonObject single:
                metrics.RpcRequest();
                if (single.ContainsKey("error"))
                {
                    metrics.RpcError();
                }

                break;
        }
    }

    private static void AddCors(HttpResponse response) => response.Headers.AccessControlAllowOrigin = "*";

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(RpcJson.WriteOptions), context.RequestAborted);
    }
}
