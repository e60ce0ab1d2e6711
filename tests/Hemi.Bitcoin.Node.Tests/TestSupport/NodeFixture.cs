using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Bitcoin.Node.Tests.TestSupport;

/// <summary>Helpers shared by the node tests: nodes over memory stores, funded keys, simple spends.</summary>
internal static class NodeFixture
{
    public static Task<RegtestNode> CreateAsync(ManualTimeProvider time, IObjectStore? store = null, RegtestNodeOptions? options = null) =>
        RegtestNode.CreateAsync(store ?? new MemoryObjectStore(), options, time);

    /// <summary>Mines 101 blocks to <paramref name="script"/> so the first coinbase is spendable; returns that coin.</summary>
    public static async Task<Utxo> FundAsync(RegtestNode node, byte[] script)
    {
        await node.GenerateToAddressAsync(101, script);
        var utxos = await node.GetUtxosAsync(script);
        return utxos.First(u => u.IsCoinbase && u.Height == 1);
    }

    public static Transaction Spend(Utxo coin, TestKey key, byte[] to, long amount, byte[] change, decimal feeRate = 1m) =>
        new TransactionBuilder()
            .AddCoin(coin.ToCoin(), key.Key)
            .AddOutput(to, amount)
            .SetChange(change)
            .SetFeeRate(FeeRate.FromSatoshisPerVbyte(feeRate))
            .Build()
            .Transaction;
}
