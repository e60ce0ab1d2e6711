using System.CommandLine;
using Hemi.PopMiner.Configuration;
using Hemi.PopMiner.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.PopMiner;

/// <summary><c>hemi-popm</c>: publishes a silo's keystones to Bitcoin (popm v2) as its own process.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var data = new Option<string>("--data") { Description = "folder of the miner's state", DefaultValueFactory = _ => "popm-data" };
        var bitcoinRpc = new Option<string>("--bitcoin-rpc") { Description = "bitcoind JSON-RPC endpoint", DefaultValueFactory = _ => "http://127.0.0.1:18443/" };
        var rpcUser = new Option<string?>("--bitcoin-rpc-user") { Description = "bitcoind rpcuser" };
        var rpcPassword = new Option<string?>("--bitcoin-rpc-password") { Description = "bitcoind rpcpassword (or env HEMI_POPM_BITCOIN_RPC_PASSWORD)" };
        var rpcCookie = new Option<string?>("--bitcoin-rpc-cookie") { Description = "bitcoind .cookie file instead of user/password" };
        var l2Rpc = new Option<string>("--l2-rpc") { Description = "JSON-RPC serving kss_getLatestKeystones", DefaultValueFactory = _ => "http://127.0.0.1:8545/rpc" };
        var network = new Option<string>("--network") { Description = "regtest | testnet3 | testnet4 | mainnet (localnet = regtest)", DefaultValueFactory = _ => "regtest" };
        var key = new Option<string?>("--private-key") { Description = $"miner key, 32-byte hex or WIF (prefer env {PopMinerSettings.PrivateKeyVariable})" };
        var staticFee = new Option<decimal?>("--static-fee") { Description = "fixed fee in sat/vB (>= 1); default: the node's estimate" };
        var maxFee = new Option<decimal>("--max-fee") { Description = "fee cap in sat/vB (0 = none)", DefaultValueFactory = _ => 100m };
        var feeTarget = new Option<int>("--fee-target") { Description = "confirmation target of fee estimates", DefaultValueFactory = _ => 6 };
        var interval = new Option<double>("--interval") { Description = "seconds between miner passes", DefaultValueFactory = _ => 15 };
        var latest = new Option<int>("--latest") { Description = "newest keystones mined (1..50)", DefaultValueFactory = _ => 12 };
        var startHeight = new Option<int>("--start-height") { Description = "first Bitcoin height indexed", DefaultValueFactory = _ => 0 };

        var root = new RootCommand("hemi-popm — Hemi PoP miner (popm v2) as its own process");
        foreach (var option in new Option[] { data, bitcoinRpc, rpcUser, rpcPassword, rpcCookie, l2Rpc, network, key, staticFee, maxFee, feeTarget, interval, latest, startHeight })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, ct) =>
        {
            if (!TryParseUrl(result.GetValue(bitcoinRpc), out var bitcoinUrl) || !TryParseUrl(result.GetValue(l2Rpc), out var l2Url))
            {
                await Console.Error.WriteLineAsync("hemi-popm: --bitcoin-rpc and --l2-rpc must be absolute http(s) URLs.");
                return 2;
            }

            var settings = new PopMinerSettings
            {
                DataDirectory = result.GetValue(data)!,
                BitcoinRpc = bitcoinUrl,
                BitcoinRpcUser = result.GetValue(rpcUser),
                BitcoinRpcPassword = result.GetValue(rpcPassword) ?? Environment.GetEnvironmentVariable("HEMI_POPM_BITCOIN_RPC_PASSWORD"),
                BitcoinRpcCookieFile = result.GetValue(rpcCookie),
                L2Rpc = l2Url,
                Network = result.GetValue(network)!,
                PrivateKey = result.GetValue(key) ?? Environment.GetEnvironmentVariable(PopMinerSettings.PrivateKeyVariable),
                StaticFee = result.GetValue(staticFee),
                MaxFee = result.GetValue(maxFee),
                FeeTarget = result.GetValue(feeTarget),
                LoopInterval = TimeSpan.FromSeconds(result.GetValue(interval)),
                LatestKeystones = result.GetValue(latest),
                StartHeight = result.GetValue(startHeight),
            };
            return await RunAsync(settings, ct);
        });
        return await root.Parse(args).InvokeAsync();
    }

    private static bool TryParseUrl(string? text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static async Task<int> RunAsync(PopMinerSettings settings, CancellationToken ct)
    {
        PopMinerHost host;
        try
        {
            host = await PopMinerHost.StartAsync(settings, logging: l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information), ct: ct);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"hemi-popm: {e.Message}");
            return 2;
        }

        await using (host)
        {
            // The host's console lifetime handles Ctrl+C and SIGTERM (and keeps them from killing the process until the
            // miner state is flushed), so wait for its stop signal as well as System.CommandLine's token.
            await host.WaitForShutdownAsync(ct);
        }

        return 0;
    }
}
