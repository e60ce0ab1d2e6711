using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Node.Client;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Grains;
using Hemi.Grains.Chain;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.PopMiner.Configuration;
using Hemi.PopMiner.Kss;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.PopMiner.Hosting;

/// <summary>
/// The <c>hemi-popm</c> process: a small local silo (file storage under the data folder) running one
/// <see cref="IPopMinerGrain"/> and its own <see cref="IBitcoinChainGrain"/>, with Bitcoin reached through bitcoind's
/// JSON-RPC and keystones through a silo's <c>kss_getLatestKeystones</c>. Its loop refreshes the chain view and runs one
/// miner pass every interval (the grains' own timers are off, so the loop also keeps them active).
/// </summary>
public sealed partial class PopMinerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PopMinerSettings _settings;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _owned;
    private CancellationTokenSource? _loopStop;
    private Task? _loop;

    private PopMinerHost(IHost host, PopMinerSettings settings, List<IDisposable> owned)
    {
        _host = host;
        _settings = settings;
        _owned = owned;
        _logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("hemi-popm");
    }

    /// <summary>The P2PKH address the miner pays its PoP transactions from (fund it).</summary>
    public string BitcoinAddress { get; private set; } = "";

    /// <summary>The Ethereum address PoP rewards go to (derived from the same key).</summary>
    public string RewardAddress { get; private set; } = "";

    /// <summary>The local silo's grains.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The miner grain.</summary>
    public IPopMinerGrain Miner => Grains.GetGrain<IPopMinerGrain>(_settings.MinerId);

    /// <summary>The miner's view of the Bitcoin chain.</summary>
    public IBitcoinChainGrain Chain => Grains.GetGrain<IBitcoinChainGrain>(_settings.ResolveNetwork().Name);

    /// <summary>
    /// Starts the silo and, unless <paramref name="runLoop"/> is false, the miner loop. <paramref name="bitcoin"/> and
    /// <paramref name="keystones"/> replace the RPC clients the settings describe (tests, embedding).
    /// </summary>
    public static async Task<PopMinerHost> StartAsync(
        PopMinerSettings settings,
        bool runLoop = true,
        IBitcoinSource? bitcoin = null,
        IKeystoneSource? keystones = null,
        Action<ILoggingBuilder>? logging = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var network = settings.ResolveNetwork();
        var keyHex = MinerKey.ToHex(settings.PrivateKey!, network);
        var owned = new List<IDisposable>();
        if (bitcoin is null)
        {
            var client = new BitcoindRpcClient(new BitcoindRpcOptions
            {
                Endpoint = settings.BitcoinRpc,
                User = settings.BitcoinRpcUser,
                Password = settings.BitcoinRpcPassword,
                CookieFilePath = settings.BitcoinRpcCookieFile,
            });
            owned.Add(client);
            bitcoin = client;
        }

        if (keystones is null)
        {
            var kss = new KssKeystoneSource(new KssKeystoneSourceOptions { Endpoint = settings.L2Rpc });
            owned.Add(kss);
            keystones = kss;
        }

        var data = Path.GetFullPath(settings.DataDirectory);
        Directory.CreateDirectory(data);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = data });
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(bitcoin);
        builder.Services.AddKeyedSingleton(settings.MinerId, keystones);
        builder.Services.AddFileGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, o => o.RootDirectory = Path.Combine(data, "grains"));
        builder.Services.AddPopMiner(settings.MinerId, o =>
        {
            o.PrivateKeyHex = keyHex;
            o.StaticFeeSatPerVByte = settings.StaticFee;
            o.MaxFeeSatPerVByte = settings.MaxFee;
            o.FeeConfirmationTarget = settings.FeeTarget;
            o.BitcoinNetwork = network.Name;
            o.LatestKeystones = settings.LatestKeystones;
            // The host's loop drives passes: one schedule for chain refresh and mining, and it keeps the grains active.
            o.LoopInterval = TimeSpan.Zero;
        });
        builder.UseSilo(silo => silo.AddHemiGrains(chain =>
        {
            chain.PollInterval = TimeSpan.Zero;
            chain.StartHeight = settings.StartHeight;
            // The miner only needs first publications; submission records are the serving silo's business.
            chain.RecordPopSubmissions = false;
        }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            owned.ForEach(o => o.Dispose());
            throw;
        }

        var popm = new PopMinerHost(host, settings, owned);
        using (var key = PrivateKey.FromBytes(Hex.Decode(keyHex)))
        {
            popm.BitcoinAddress = Hemi.Bitcoin.Addresses.BitcoinAddress.FromScriptPubKey(PopTransactionFactory.MinerScript(key.PublicKey), network);
            popm.RewardAddress = Address.FromPublicKey(key.PublicKey).ToString();
        }

        LogStarted(popm._logger, settings.MinerId, popm.BitcoinAddress, popm.RewardAddress, settings.BitcoinRpc, settings.L2Rpc);
        if (runLoop)
        {
            popm.StartLoop();
        }

        return popm;
    }

    /// <summary>One loop step: refresh the chain view from bitcoind, then one miner pass. Returns the miner's entries.</summary>
    public async Task<IReadOnlyList<PopMinerEntry>> RunOnceAsync()
    {
        var tip = await Chain.RefreshAsync().ConfigureAwait(false);
        var entries = await Miner.MineAsync().ConfigureAwait(false);
        LogPass(_logger, tip.Height, entries.Count,
            entries.Count(e => e.Status == PopMinerEntryStatus.Broadcast),
            entries.Count(e => e.Status == PopMinerEntryStatus.Mined),
            entries.Count(e => e.Status == PopMinerEntryStatus.Error));
        return entries;
    }

    /// <summary>
    /// Completes when the process is asked to stop (Ctrl+C or SIGTERM: the host's console lifetime turns them into an
    /// application stop) or <paramref name="ct"/> is cancelled.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default)
    {
        var stopping = _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = stopping.Register(() => done.TrySetResult());
        var b = ct.Register(() => done.TrySetResult());
        return done.Task.ContinueWith(_ =>
        {
            a.Dispose();
            b.Dispose();
        }, TaskScheduler.Default);
    }

    /// <summary>Stops the loop and the silo (state stays in the data folder for the next start).</summary>
    public async Task StopAsync()
    {
        if (_loopStop is { } stop)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _loop!.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            stop.Dispose();
            _loopStop = null;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _host.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private void StartLoop()
    {
        _loopStop = new CancellationTokenSource();
        var ct = _loopStop.Token;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_settings.LoopInterval);
            do
            {
                try
                {
                    await RunOnceAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // bitcoind or the silo down, or a bad answer: the next tick tries again with the same persisted state.
                    LogPassFailed(_logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }, ct);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Bitcoin tip {Height}: {Count} keystones tracked ({Broadcast} broadcast, {Mined} mined, {Errors} failing)")]
    private static partial void LogPass(ILogger logger, int height, int count, int broadcast, int mined, int errors);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "PoP miner {Miner}: pays from {BitcoinAddress}, rewarded at {RewardAddress}; bitcoind {BitcoinRpc}, keystones from {L2Rpc}")]
    private static partial void LogStarted(ILogger logger, string miner, string bitcoinAddress, string rewardAddress, Uri bitcoinRpc, Uri l2Rpc);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Miner pass failed; retrying on the next tick")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
