using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Chain;
using Hemi.Grains.Hvm;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Tests.Hvm;

/// <summary>
/// A regtest node and one in-process silo with <c>AddHemiGrains</c> + <c>AddHvmBitcoinIndex</c> (grain storage kept
/// across silo restarts), a funded miner key and a second key to pay. Blocks are mined and the chain grain refreshed
/// explicitly by the test.
/// </summary>
internal sealed class HvmIndexHarness : IAsyncDisposable
{
    private readonly MemoryGrainStorage _storage = new();
    private IHost? _host;

    private HvmIndexHarness(RegtestNode node)
    {
        Node = node;
        MinerKey = PrivateKey.FromBytes(Sha256.Hash("hvm index test miner"u8));
        PayeeKey = PrivateKey.FromBytes(Sha256.Hash("hvm index test payee"u8));
        MinerScript = PopTransactionFactory.MinerScript(MinerKey.PublicKey);
        PayeeScript = ScriptTemplates.PayToWitnessPubKeyHashOfKey(PayeeKey.PublicKey.ToCompressed());
    }

    public RegtestNode Node { get; }

    public PrivateKey MinerKey { get; }

    public PrivateKey PayeeKey { get; }

    public byte[] MinerScript { get; }

    public byte[] PayeeScript { get; }

    public string MinerAddress => BitcoinAddress.FromScriptPubKey(MinerScript, Network.Regtest);

    public string PayeeAddress => BitcoinAddress.FromScriptPubKey(PayeeScript, Network.Regtest);

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo is stopped.");

    public IBitcoinChainGrain Chain => Services.GetRequiredService<IClusterClient>().GetGrain<IBitcoinChainGrain>("regtest");

    public HvmBitcoinIndex Index => Services.GetRequiredService<IHvmBitcoinIndexProvider>().GetIndex("regtest");

    public static async Task<HvmIndexHarness> StartAsync()
    {
        var harness = new HvmIndexHarness(await RegtestNode.CreateAsync(new MemoryObjectStore()));
        // Coinbase maturity is 100: 101 blocks make the first coinbase spendable.
        await harness.Node.GenerateToAddressAsync(101, harness.MinerScript);
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
        builder.UseSilo(silo => silo
            .AddHemiGrains(chain => chain.PollInterval = TimeSpan.Zero)
            .AddHvmBitcoinIndex(o => o.RebuildOnStart.Add("regtest")));
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

    public async Task<IReadOnlyList<Hash256>> MineAsync(int count) => await Node.GenerateToAddressAsync(count, MinerScript);

    /// <summary>Pays <paramref name="amount"/> to <paramref name="to"/> from the miner's oldest mature coinbase, change back to the miner.</summary>
    public async Task<(Transaction Transaction, Utxo Coin)> PayAsync(byte[] to, long amount)
    {
        var tip = await Node.GetTipAsync();
        var coin = (await Node.GetUtxosAsync(MinerScript))
            .Where(u => !u.IsCoinbase || tip.Height + 1 - u.Height >= RegtestNode.CoinbaseMaturity)
            .OrderBy(u => u.Height)
            .First();
        var tx = new TransactionBuilder()
            .AddCoin(coin.ToCoin(), MinerKey)
            .AddOutput(to, amount)
            .AddOutput([0x6a, 0x03, 0x68, 0x76, 0x6d], 0)
            .SetChange(MinerScript)
            .SetFeeRate(FeeRate.FromSatoshisPerVbyte(2))
            .Build()
            .Transaction;
        await BroadcastAsync(tx);
        return (tx, coin);
    }

    /// <summary>Spends every coin of the payee back to the miner.</summary>
    public async Task<Transaction> PayBackAsync()
    {
        var builder = new TransactionBuilder();
        foreach (var utxo in await Node.GetUtxosAsync(PayeeScript))
        {
            builder.AddCoin(utxo.ToCoin(), PayeeKey);
        }

        var tx = builder.SetChange(MinerScript).SetFeeRate(FeeRate.FromSatoshisPerVbyte(2)).Build().Transaction;
        await BroadcastAsync(tx);
        return tx;
    }

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await Node.DisposeAsync();
        MinerKey.Dispose();
        PayeeKey.Dispose();
    }

    private async Task BroadcastAsync(Transaction tx)
    {
        var result = await Node.BroadcastAsync(tx);
        Assert.True(result.Accepted, $"broadcast rejected: {result.Rejection}");
    }
}
