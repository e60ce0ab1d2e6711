using Hemi.Bitcoin.Node;
using Hemi.Grains.Chain;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Tests.TestInfrastructure;

/// <summary>
/// One silo with the embedded regtest node, everything persisted under one folder (node blocks and mempool in a file
/// object store, grain state in file grain storage), so a test can stop the whole process state and start it again.
/// Timers are off unless asked for: the test drives mining, refreshes and miner passes.
/// </summary>
public sealed class FileBackedStack : IAsyncDisposable
{
    public const string MinerId = "popm-e2e";

    private readonly string _root;
    private readonly string _minerKeyHex;
    private readonly Action<PopMinerOptions>? _miner;
    private readonly Action<BitcoinChainGrainOptions>? _chain;
    private readonly RegtestNodeOptions? _nodeOptions;
    private IHost? _host;

    private FileBackedStack(string root, string minerKeyHex, Action<PopMinerOptions>? miner, Action<BitcoinChainGrainOptions>? chain, RegtestNodeOptions? nodeOptions)
    {
        _root = root;
        _minerKeyHex = minerKeyHex;
        _miner = miner;
        _chain = chain;
        _nodeOptions = nodeOptions;
    }

    public RegtestNode Node { get; private set; } = null!;

    public FileObjectStore NodeStore { get; private set; } = null!;

    public IGrainFactory Grains => _host?.Services.GetRequiredService<IGrainFactory>() ?? throw new InvalidOperationException("The stack is stopped.");

    public IBitcoinChainGrain Chain => Grains.GetGrain<IBitcoinChainGrain>("regtest");

    public IPopMinerGrain Miner => Grains.GetGrain<IPopMinerGrain>(MinerId);

    public static async Task<FileBackedStack> StartAsync(
        string root,
        string minerKeyHex,
        Action<PopMinerOptions>? miner = null,
        Action<BitcoinChainGrainOptions>? chain = null,
        RegtestNodeOptions? nodeOptions = null)
    {
        var stack = new FileBackedStack(root, minerKeyHex, miner, chain, nodeOptions);
        await stack.StartAgainAsync();
        return stack;
    }

    /// <summary>Starts a fresh node and silo over the same folder (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        NodeStore = new FileObjectStore(new FileObjectStoreOptions { RootDirectory = Path.Combine(_root, "bitcoin") });
        Node = await RegtestNode.CreateAsync(NodeStore, _nodeOptions);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Node);
        builder.Services.AddSingleton<IBitcoinSource>(Node);
        builder.Services.AddFileGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, o => o.RootDirectory = Path.Combine(_root, "grains"));
        builder.Services.AddPopMiner(MinerId, o =>
        {
            o.PrivateKeyHex = _minerKeyHex;
            o.LoopInterval = TimeSpan.Zero;
            o.StaticFeeSatPerVByte = 2;
            _miner?.Invoke(o);
        });
        builder.UseSilo(silo => silo.AddHemiGrains(c =>
        {
            c.PollInterval = TimeSpan.Zero;
            _chain?.Invoke(c);
        }));
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>Stops the silo and the node; everything they persisted stays in the folder.</summary>
    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(cts.Token);
            host.Dispose();
            await Node.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
