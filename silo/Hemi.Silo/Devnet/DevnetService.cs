using Hemi.Grains.Chain;
using Hemi.Grains.L2;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Silo.Configuration;
using Hemi.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Silo.Devnet;

/// <summary>
/// Brings the chain up once the silo runs: starts the sequencer (which seals on its own timer), prints the development
/// accounts, then drives the Bitcoin chain grain and the built-in PoP miner on a loop. Driving them from here, rather than
/// from their grain timers, keeps them running even when their activations are collected while idle.
/// </summary>
public sealed partial class DevnetService(
    IClusterClient grains,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<HemiOptions> hemi,
    IOptions<BitcoinOptions> bitcoin,
    IOptions<PopMinerSection> popMiner,
    IOptions<DevAccountsOptions> devAccounts,
    HostExitCode exitCode,
    ILogger<DevnetService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ChainHead head;
        try
        {
            head = await grains.GetGrain<ISequencerGrain>((long)hemi.Value.ChainId).StartAsync();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Without a sequencer there is no chain to serve (e.g. the stored genesis differs from the configured one).
            LogSequencerFailed(logger, hemi.Value.ChainId, e);
            exitCode.Fail(1);
            lifetime.StopApplication();
            return;
        }

        LogSequencerStarted(logger, hemi.Value.ChainId, head.Number, head.Hash.ToString());
        await WaitForStartedAsync(stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        PrintBanner();
        var chain = grains.GetGrain<IBitcoinChainGrain>(bitcoin.Value.Network);
        var miner = popMiner.Value.Enabled ? grains.GetGrain<IPopMinerGrain>(popMiner.Value.MinerId) : null;
        using var timer = new PeriodicTimer(popMiner.Value.LoopInterval);
        do
        {
            try
            {
                await chain.RefreshAsync();
                if (miner is not null)
                {
                    await miner.MineAsync();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WaitForStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetResult());
        await started.Task;
    }

    private void PrintBanner()
    {
        var options = devAccounts.Value;
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        if (options.Count == 0 || !options.Print)
        {
            return;
        }

        // Written to stdout on purpose: the keys are what a developer copies into a wallet.
        Console.Out.Write(DevAccounts.Describe(DevAccounts.Derive(options.Count), options, hemi.Value.ChainId, url.TrimEnd('/') + "/rpc"));
        Console.Out.Flush();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequencer of chain {ChainId} started at block {Number} ({Hash})")]
    private static partial void LogSequencerStarted(ILogger logger, ulong chainId, ulong number, string hash);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The sequencer of chain {ChainId} failed to start; stopping")]
    private static partial void LogSequencerFailed(ILogger logger, ulong chainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Devnet pass (Bitcoin refresh / PoP miner) failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
