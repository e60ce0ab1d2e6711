using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Tests.TestInfrastructure;

/// <summary>
/// A regtest node over a memory object store plus one in-process silo (memory grain storage shared across restarts),
/// with a funded PoP miner key. Everything is driven explicitly: blocks are mined on demand and the chain grain is
/// refreshed by the test (its poll timer is disabled unless a test asks for one).
/// </summary>
public sealed class GrainsHarness : IAsyncDisposable
{
    private readonly MemoryGrainStorage _storage = new();
    private readonly Action<IServiceCollection>? _services;
    private readonly Action<ISiloBuilder>? _silo;
    private readonly TimeSpan _pollInterval;
    private IHost? _host;

    private GrainsHarness(RegtestNode node, PrivateKey minerKey, Action<IServiceCollection>? services, Action<ISiloBuilder>? silo, TimeSpan pollInterval)
    {
        _services = services;
        _silo = silo;
        _pollInterval = pollInterval;
        Node = node;
        MinerKey = minerKey;
        MinerScript = PopTransactionFactory.MinerScript(minerKey.PublicKey);
    }

    public RegtestNode Node { get; }

    public PrivateKey MinerKey { get; }

    public byte[] MinerScript { get; }

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo is stopped.");

    public IGrainFactory Grains => Services.GetRequiredService<IClusterClient>();

    public IBitcoinChainGrain Chain => Grains.GetGrain<IBitcoinChainGrain>("regtest");

    /// <param name="services">Extra services of the silo's host.</param>
    /// <param name="silo">Extra silo configuration after <c>AddHemiGrains</c> (e.g. more indexers).</param>
    /// <param name="pollInterval">The chain grain's poll timer; zero (the default) leaves refreshing to the test.</param>
    public static async Task<GrainsHarness> StartAsync(
        Action<IServiceCollection>? services = null, TimeSpan? pollInterval = null, Action<ISiloBuilder>? silo = null)
    {
        var node = await RegtestNode.CreateAsync(new MemoryObjectStore());
        var key = PrivateKey.FromBytes(Sha256.Hash("hemi grains test pop miner"u8));
        var harness = new GrainsHarness(node, key, services, silo, pollInterval ?? TimeSpan.Zero);
        // Coinbase maturity is 100: 101 blocks make the first coinbase spendable.
        await node.GenerateToAddressAsync(101, harness.MinerScript);
        await harness.StartSiloAsync();
        return harness;
    }

    public async Task StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Node);
        builder.Services.AddSingleton<IBitcoinSource>(Node);
        builder.Services.AddGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, (_, _) => _storage);
        _services?.Invoke(builder.Services);
        builder.UseSilo(silo =>
        {
            silo.AddHemiGrains(chain => chain.PollInterval = _pollInterval);
            _silo?.Invoke(silo);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task StopSiloAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(cts.Token);
            host.Dispose();
        }
    }

    public async Task<IReadOnlyList<Hash256>> MineAsync(int count) =>
        await Node.GenerateToAddressAsync(count, MinerScript);

    /// <summary>The miner's coins a transaction in the next block may spend (coinbases past maturity).</summary>
    public async Task<IReadOnlyList<Utxo>> MatureCoinsAsync()
    {
        var tip = await Node.GetTipAsync();
        return (await Node.GetUtxosAsync(MinerScript))
            .Where(u => !u.IsCoinbase || tip.Height + 1 - u.Height >= RegtestNode.CoinbaseMaturity)
            .ToArray();
    }

    /// <summary>Builds and signs the PoP transaction of <paramref name="keystone"/> from the miner's confirmed coins.</summary>
    public async Task<Transaction> BuildPopAsync(L2Keystone keystone)
    {
        var mature = (await MatureCoinsAsync()).Select(u => u.ToCoin()).ToArray();
        var tip = await Node.GetTipAsync();
        return PopTransactionFactory.Create(MinerKey, keystone.Abbreviate(), mature, FeeRate.FromSatoshisPerVbyte(2), (uint)tip.Height).Transaction;
    }

    public async Task BroadcastAsync(Transaction transaction)
    {
        var result = await Node.BroadcastAsync(transaction);
        Assert.True(result.Accepted, $"broadcast rejected: {result.Rejection}");
    }

    public async Task<IKeystoneGrain> SubmitAsync(L2Keystone keystone)
    {
        var grain = Grains.GetGrain<IKeystoneGrain>(HashOf(keystone));
        await grain.SubmitAsync(keystone);
        return grain;
    }

    public static string HashOf(L2Keystone keystone) => keystone.Abbreviate().GetHash().ToString();

    /// <summary>A keystone of a test L2 chain; contents derive from the L2 number so different numbers differ.</summary>
    public static L2Keystone Keystone(uint l2BlockNumber, string chain = "test") => new()
    {
        L1BlockNumber = 1000 + l2BlockNumber,
        L2BlockNumber = l2BlockNumber,
        ParentEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"{chain} parent {l2BlockNumber}")),
        PrevKeystoneEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"{chain} prev {l2BlockNumber}")),
        StateRoot = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"{chain} state {l2BlockNumber}")),
        EPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"{chain} ep {l2BlockNumber}")),
    };

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await Node.DisposeAsync();
        MinerKey.Dispose();
    }
}
