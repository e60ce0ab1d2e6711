using Hemi.Bitcoin.Node;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Tests.Pop;

/// <summary>Starts a <see cref="GrainsHarness"/> with one configured PoP miner (its loop timer off: passes run on demand).</summary>
public static class PopMinerTestKit
{
    public const string MinerId = "popm-test";

    /// <summary>The miner's key (distinct from the harness's own funded key, so its coins are only the ones a test gives it).</summary>
    public static readonly string MinerKeyHex = KeyHex("popminer grain test key");

    public static string KeyHex(string seed) => Hex.Encode(Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(seed)));

    public static PublicKey PublicKeyOf(string keyHex)
    {
        using var key = PrivateKey.FromBytes(Hex.Decode(keyHex));
        return key.PublicKey;
    }

    public static async Task<GrainsHarness> StartAsync(
        Action<PopMinerOptions>? configure = null,
        BroadcastFaults? faults = null,
        TimeProvider? clock = null) =>
        await GrainsHarness.StartAsync(services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            if (faults is not null)
            {
                // Registered after the node, so grains resolve the decorator.
                services.AddSingleton<IBitcoinSource>(sp => new FlakyBroadcastSource(sp.GetRequiredService<RegtestNode>(), faults));
                if (faults.Storage is { } storage)
                {
                    // Replaces the harness's storage (last keyed registration wins); the instance outlives silo restarts.
                    services.AddGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, (_, _) => storage);
                }
            }

            services.AddPopMiner(MinerId, options =>
            {
                options.PrivateKeyHex = MinerKeyHex;
                options.LoopInterval = TimeSpan.Zero;
                configure?.Invoke(options);
            });
        });

    /// <summary>Mines blocks paying <paramref name="keyHex"/> until it owns <paramref name="matureCoins"/> spendable coinbases.</summary>
    public static async Task FundAsync(GrainsHarness harness, string keyHex, int matureCoins)
    {
        var script = PopTransactionFactory.MinerScript(PublicKeyOf(keyHex));
        await harness.Node.GenerateToAddressAsync(matureCoins, script);
        // Maturity: the coins above become spendable once 99 more blocks sit on top of the last of them.
        await harness.MineAsync(RegtestNode.CoinbaseMaturity - 1);
    }

    public static IPopMinerGrain Miner(GrainsHarness harness) => harness.Grains.GetGrain<IPopMinerGrain>(MinerId);
}
