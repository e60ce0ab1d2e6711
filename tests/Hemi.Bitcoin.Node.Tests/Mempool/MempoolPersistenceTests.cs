using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Bitcoin.Node.Tests.Mempool;

public sealed class MempoolPersistenceTests
{
    [Fact]
    public async Task Restart_KeepsUnconfirmedTransactions()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(60);
        using var other = new TestKey(61);
        var store = new MemoryObjectStore();
        Hash256 first;
        Hash256 child;
        await using (var node = await NodeFixture.CreateAsync(time, store))
        {
            var coin = await NodeFixture.FundAsync(node, key.P2pkh);
            var tx = NodeFixture.Spend(coin, key, other.P2wpkh, 1_000_000, key.P2pkh);
            Assert.True((await node.BroadcastAsync(tx)).Accepted);
            first = tx.GetTxId();
            // A child of the unconfirmed transaction: restored after its parent, in arrival order.
            var parentOutput = new Utxo(new Transactions.OutPoint(first, 0), tx.Outputs[0], -1, false);
            var spend = NodeFixture.Spend(parentOutput, other, key.P2wpkh, 500_000, other.P2wpkh);
            Assert.True((await node.BroadcastAsync(spend)).Accepted);
            child = spend.GetTxId();
        }

        await using var restarted = await NodeFixture.CreateAsync(time, store);

        Assert.Equal(new HashSet<Hash256> { first, child }, (await restarted.GetMempoolAsync()).ToHashSet());
        var info = await restarted.GetTransactionAsync(first);
        Assert.NotNull(info);
        Assert.Null(info.Block);
        var mined = await restarted.GenerateToAddressAsync(1, key.P2pkh);
        Assert.Empty(await restarted.GetMempoolAsync());
        Assert.Equal(mined[0], (await restarted.GetTransactionAsync(child))!.Block!.Hash);
    }

    [Fact]
    public async Task Restart_AfterTheTransactionsWereMined_HasAnEmptyMempool()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(62);
        var store = new MemoryObjectStore();
        await using (var node = await NodeFixture.CreateAsync(time, store))
        {
            var coin = await NodeFixture.FundAsync(node, key.P2pkh);
            Assert.True((await node.BroadcastAsync(NodeFixture.Spend(coin, key, key.P2wpkh, 1_000_000, key.P2pkh))).Accepted);
            await node.GenerateToAddressAsync(1, key.P2pkh);
        }

        await using var restarted = await NodeFixture.CreateAsync(time, store);

        Assert.Empty(await restarted.GetMempoolAsync());
        Assert.Single(await CollectKeysAsync(store, "regtest/mempool/"));
    }

    [Fact]
    public async Task Restart_DropsStoredTransactionsThatNoLongerPass_AndSurvivesADamagedSnapshot()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(63);
        var store = new MemoryObjectStore();
        Hash256 kept;
        await using (var node = await NodeFixture.CreateAsync(time, store))
        {
            var coin = await NodeFixture.FundAsync(node, key.P2pkh);
            var tx = NodeFixture.Spend(coin, key, key.P2wpkh, 1_000_000, key.P2pkh);
            Assert.True((await node.BroadcastAsync(tx)).Accepted);
            kept = tx.GetTxId();
        }

        // Append garbage after the good transaction: a length far larger than what follows.
        var snapshotKey = Assert.Single(await CollectKeysAsync(store, "regtest/mempool/"));
        var data = (await store.GetAsync(snapshotKey))!;
        await store.DeleteAsync(snapshotKey);
        await store.PutIfAbsentAsync(snapshotKey, data.Concat(new byte[] { 0xff, 0xff, 0xff, 0x7f, 1, 2, 3 }).ToArray());

        await using var restarted = await NodeFixture.CreateAsync(time, store);

        Assert.Equal([kept], await restarted.GetMempoolAsync());
        // The damaged snapshot was rewritten without the garbage.
        var rewritten = (await store.GetAsync(Assert.Single(await CollectKeysAsync(store, "regtest/mempool/"))))!;
        Assert.Equal(data, rewritten);
    }

    private static async Task<List<string>> CollectKeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix))
        {
            keys.Add(key);
        }

        return keys;
    }
}
