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
using Hemi.Grains.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Tests.Hvm;

/// <summary>
/// <see cref="GrainsHarness"/> (regtest node, one silo whose grain storage survives restarts, a funded miner key) with
/// <c>AddHvmBitcoinIndex</c> added, plus a second key to pay. Blocks are mined and the chain grain refreshed explicitly
/// by the test.
/// </summary>
internal sealed class HvmIndexHarness : IAsyncDisposable
{
    private readonly GrainsHarness _grains;

    private HvmIndexHarness(GrainsHarness grains)
    {
        _grains = grains;
        PayeeKey = PrivateKey.FromBytes(Sha256.Hash("hvm index test payee"u8));
        PayeeScript = ScriptTemplates.PayToWitnessPubKeyHashOfKey(PayeeKey.PublicKey.ToCompressed());
    }

    public RegtestNode Node => _grains.Node;

    public PrivateKey MinerKey => _grains.MinerKey;

    public PrivateKey PayeeKey { get; }

    public byte[] MinerScript => _grains.MinerScript;

    public byte[] PayeeScript { get; }

    public string MinerAddress => BitcoinAddress.FromScriptPubKey(MinerScript, Network.Regtest);

    public string PayeeAddress => BitcoinAddress.FromScriptPubKey(PayeeScript, Network.Regtest);

    public IBitcoinChainGrain Chain => _grains.Chain;

    public HvmBitcoinIndex Index => _grains.Services.GetRequiredService<IHvmBitcoinIndexProvider>().GetIndex("regtest");

    public static async Task<HvmIndexHarness> StartAsync() =>
        new(await GrainsHarness.StartAsync(silo: silo => silo.AddHvmBitcoinIndex(o => o.RebuildOnStart.Add("regtest"))));

    public Task StartSiloAsync() => _grains.StartSiloAsync();

    public Task StopSiloAsync() => _grains.StopSiloAsync();

    public Task<IReadOnlyList<Hash256>> MineAsync(int count) => _grains.MineAsync(count);

    /// <summary>Pays <paramref name="amount"/> to <paramref name="to"/> from the miner's oldest mature coin, change back to the miner.</summary>
    public async Task<(Transaction Transaction, Utxo Coin)> PayAsync(byte[] to, long amount)
    {
        var coin = (await _grains.MatureCoinsAsync()).OrderBy(u => u.Height).First();
        var tx = new TransactionBuilder()
            .AddCoin(coin.ToCoin(), MinerKey)
            .AddOutput(to, amount)
            .AddOutput([0x6a, 0x03, 0x68, 0x76, 0x6d], 0)
            .SetChange(MinerScript)
            .SetFeeRate(FeeRate.FromSatoshisPerVbyte(2))
            .Build()
            .Transaction;
        await _grains.BroadcastAsync(tx);
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
        await _grains.BroadcastAsync(tx);
        return tx;
    }

    public async ValueTask DisposeAsync()
    {
        await _grains.DisposeAsync();
        PayeeKey.Dispose();
    }
}
