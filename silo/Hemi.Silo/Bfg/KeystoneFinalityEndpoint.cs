using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hemi.Silo.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Silo.Bfg;

/// <summary>
/// Hemi BFG v2's <c>GET /v2/keystonefinality/{hash}</c>: <c>{hash}</c> is the abbreviated keystone hash in display hex;
/// the answer is <c>l2_keystone</c>, <c>block_hash</c> (the Bitcoin block of the finalizing publication, hex of its
/// <b>internal</b> byte order), <c>block_height</c>, <c>effective_confirmations</c>, <c>super_finality</c>. Errors are
/// 400 (bad hash), 404 (unknown keystone, or one not yet published on Bitcoin — BFG finds no block either) and 500,
/// with body <c>{"timestamp","trace","error"}</c>.
/// </summary>
public static partial class KeystoneFinalityEndpoint
{
    public const string Route = "/v2/keystonefinality/{hash}";

    public static IEndpointRouteBuilder MapKeystoneFinality(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, string hash)
    {
        if (!KeystoneText.TryNormalizeHash(hash, out var keystoneHash) || hash.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid keystone hash: expected 64 hex digits");
            return;
        }

        try
        {
            var chain = context.RequestServices.GetRequiredService<IL2Chain>();
            var finality = await chain.GetKeystoneFinalityAsync(keystoneHash);
            if (finality is null)
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, $"keystone not found: {keystoneHash}");
                return;
            }

            if (finality.BlockHash is not { } displayHash)
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, $"keystone {keystoneHash} is not published on Bitcoin yet");
                return;
            }

            var internalOrder = Convert.FromHexString(displayHash);
            Array.Reverse(internalOrder);
            var body = new JsonObject
            {
                ["l2_keystone"] = KeystoneText.ToJson(finality.L2Keystone),
                ["block_hash"] = Convert.ToHexStringLower(internalOrder),
                ["block_height"] = finality.BlockHeight,
                ["effective_confirmations"] = finality.EffectiveConfirmations,
                ["super_finality"] = finality.SuperFinality,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(Hemi.Silo.Rpc.RpcJson.WriteOptions), context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeystoneFinalityEndpoint));
            var trace = await ErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error");
            LogFailed(logger, trace, e);
        }
    }

    private static async Task<string> ErrorAsync(HttpContext context, int status, string message)
    {
        // BFG's error shape: a random trace id lets an operator match the answer with the log line.
        var trace = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var body = new JsonObject
        {
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["trace"] = trace,
            ["error"] = message,
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Hemi.Silo.Rpc.RpcJson.WriteOptions), context.RequestAborted);
        return trace;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "keystonefinality failed (trace {Trace})")]
    private static partial void LogFailed(ILogger logger, string trace, Exception exception);
}
