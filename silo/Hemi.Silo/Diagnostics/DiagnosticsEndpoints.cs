using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Hemi.Grains.Runtime.Storage;
using Hemi.Silo.Chain;
using Hemi.Silo.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hemi.Silo.Diagnostics;

/// <summary><c>GET /health</c> (JSON: L2 head, Bitcoin tip, storage; 503 when a part fails) and <c>GET /metrics</c> (Prometheus text).</summary>
public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapHemiDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/health", HealthAsync);
        endpoints.MapGet("/metrics", MetricsAsync);
        return endpoints;
    }

    private static async Task HealthAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var chain = services.GetRequiredService<IL2Chain>();
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var healthy = true;
        var body = new JsonObject { ["chainId"] = chain.ChainId };
        try
        {
            var head = await chain.GetHeadAsync();
            body["head"] = new JsonObject
            {
                ["number"] = head.Number,
                ["hash"] = head.Hash.ToString(),
                ["timestamp"] = head.Timestamp,
                ["ageSeconds"] = Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (long)head.Timestamp),
            };
        }
        catch (Exception e)
        {
            healthy = false;
            body["head"] = new JsonObject { ["error"] = e.GetType().Name + ": " + e.Message };
        }

        try
        {
            var tip = await chain.GetBitcoinTipAsync();
            body["bitcoin"] = new JsonObject { ["height"] = tip.Height, ["hash"] = tip.Hash };
        }
        catch (Exception e)
        {
            healthy = false;
            body["bitcoin"] = new JsonObject { ["error"] = e.GetType().Name + ": " + e.Message };
        }

        try
        {
            // A read of a key that never exists exercises the store end to end without writing.
            await services.GetRequiredService<IObjectStore>().GetAsync("health/probe", context.RequestAborted);
            body["storage"] = new JsonObject { ["provider"] = storage.Provider.ToString(), ["ok"] = true };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            healthy = false;
            body["storage"] = new JsonObject { ["provider"] = storage.Provider.ToString(), ["ok"] = false, ["error"] = e.Message };
        }

        body["status"] = healthy ? "ok" : "degraded";
        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(Hemi.Silo.Rpc.RpcJson.WriteOptions), context.RequestAborted);
    }

    private static async Task MetricsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var chain = services.GetRequiredService<IL2Chain>();
        var gateway = services.GetRequiredService<GatewayMetrics>();
        var statistics = services.GetRequiredService<ChainStatistics>();
        var text = new StringBuilder();
        try
        {
            var head = await chain.GetHeadAsync();
            await statistics.UpdateAsync(chain, head.Number);
            Metric(text, "hemi_l2_head_block_number", "gauge", "Number of the latest sealed L2 block.", head.Number);
            Metric(text, "hemi_l2_blocks_sealed_total", "counter", "L2 blocks sealed after genesis.", head.Number);
            Metric(text, "hemi_l2_next_base_fee_wei", "gauge", "Base fee of the next L2 block.", (double)head.NextBaseFee);
            Metric(text, "hemi_l2_transactions_total", "counter", "User transactions included in sealed blocks (counted blocks).", statistics.UserTransactions);
            Metric(text, "hemi_l2_system_transactions_total", "counter", "System transactions (0x7C/0x7D) in sealed blocks (counted blocks).", statistics.SystemTransactions);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            text.Append("# chain unavailable: ").Append(e.GetType().Name).Append('\n');
        }

        try
        {
            var tip = await chain.GetBitcoinTipAsync();
            Metric(text, "hemi_bitcoin_tip_height", "gauge", "Height of the indexed Bitcoin tip.", tip.Height);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            text.Append("# bitcoin unavailable: ").Append(e.GetType().Name).Append('\n');
        }

        var pool = gateway.TransactionsSubmitted - statistics.UserTransactions;
        Metric(text, "hemi_rpc_requests_total", "counter", "JSON-RPC calls answered (batch entries count one each).", gateway.RpcRequests);
        Metric(text, "hemi_rpc_errors_total", "counter", "JSON-RPC calls answered with an error.", gateway.RpcErrors);
        Metric(text, "hemi_rpc_transactions_submitted_total", "counter", "Transactions accepted by eth_sendRawTransaction on this gateway.", gateway.TransactionsSubmitted);
        Metric(text, "hemi_rpc_transactions_rejected_total", "counter", "Transactions refused by eth_sendRawTransaction on this gateway.", gateway.TransactionsRejected);
        Metric(text, "hemi_l2_pool_size_estimate", "gauge", "Transactions accepted by this gateway and not yet seen in a counted block (estimate; 0 when negative).", Math.Max(0, pool));
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private static void Metric(StringBuilder text, string name, string type, string help, double value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
