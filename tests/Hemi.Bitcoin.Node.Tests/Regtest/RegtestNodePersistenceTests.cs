using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Bitcoin.Node.Tests.Regtest;

public sealed class RegtestNodePersistenceTests
{
    [Fact]
    public async Task Restart_OverTheSameMemoryStore_ContinuesWithTheSameTipAndUtxos()
    {
        await RestartContinuesAsync(new MemoryObjectStore());
    }

    [Fact]
    public async Task Restart_OverAFileStore_ContinuesWithTheSameTipAndUtxos()
    {
        var root = Path.Combine(Path.GetTempPath(), "hemi-regtest-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RestartContinuesAsync(new FileObjectStore(new FileObjectStoreOptions { RootDirectory = root }));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Restart_KeepsInvalidatedBlocksOffTheChain()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(40);
        var store = new MemoryObjectStore();
        Hash256 invalidated;
        ChainTip tipBefore;
        await using (var node = await NodeFixture.CreateAsync(time, store))
        {
            var hashes = await node.GenerateToAddressAsync(3, key.P2pkh);
            await node.InvalidateBlockAsync(hashes[2]);
            invalidated = hashes[2];
            tipBefore = await node.GetTipAsync();
        }

        await using var restarted = await NodeFixture.CreateAsync(time, store);

        Assert.Equal(tipBefore, await restarted.GetTipAsync());
        Assert.True(await restarted.IsInvalidAsync(invalidated));
        Assert.NotNull(await restarted.GetRawBlockAsync(invalidated));
    }

    [Fact]
    public async Task Restart_WithAClockBehindTheStoredBlocks_StillReplaysTheChain()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var key = new TestKey(43);
        var store = new MemoryObjectStore();
        ChainTip tip;
        var late = new ManualTimeProvider(start + TimeSpan.FromDays(1));
        await using (var node = await NodeFixture.CreateAsync(late, store))
        {
            await node.GenerateToAddressAsync(3, key.P2pkh);
            tip = await node.GetTipAsync();
        }

        await using var restarted = await NodeFixture.CreateAsync(new ManualTimeProvider(start), store);

        Assert.Equal(tip, await restarted.GetTipAsync());
        Assert.Equal(3, (await restarted.GetUtxosAsync(key.P2pkh)).Count);
    }

    [Fact]
    public async Task Replay_RejectsAStoredBlockThatDoesNotParse()
    {
        var store = new MemoryObjectStore();
        await store.PutIfAbsentAsync("regtest/blocks/0000000001-garbage", new byte[] { 1, 2, 3 });

        await Assert.ThrowsAsync<InvalidDataException>(() => NodeFixture.CreateAsync(new ManualTimeProvider(), store));
    }

    private static async Task RestartContinuesAsync(IObjectStore store)
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(41);
        using var payee = new TestKey(42);
        ChainTip tip;
        IReadOnlyList<Utxo> keyUtxos;
        IReadOnlyList<Utxo> payeeUtxos;
        Hash256 txId;
        await using (var node = await NodeFixture.CreateAsync(time, store))
        {
            var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
            var tx = NodeFixture.Spend(coin, key, payee.P2pkh, 3 * Money.Coin, key.P2wpkh);
            txId = tx.GetTxId();
            Assert.True((await node.BroadcastAsync(tx)).Accepted);
            await node.GenerateToAddressAsync(1, payee.P2wpkh);
            tip = await node.GetTipAsync();
            keyUtxos = await node.GetUtxosAsync(key.P2wpkh);
            payeeUtxos = await node.GetUtxosAsync(payee.P2pkh);
        }

        time.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = await NodeFixture.CreateAsync(time, store);

        Assert.Equal(tip, await restarted.GetTipAsync());
        Assert.Equal(keyUtxos, await restarted.GetUtxosAsync(key.P2wpkh), new UtxoComparer());
        Assert.Equal(payeeUtxos, await restarted.GetUtxosAsync(payee.P2pkh), new UtxoComparer());
        Assert.Equal(tip.Hash, (await restarted.GetTransactionAsync(txId))!.Block!.Hash);

        var next = await restarted.GenerateToAddressAsync(1, key.P2pkh);
        Assert.Equal(new ChainTip(tip.Height + 1, next[0]), await restarted.GetTipAsync());
    }

    private sealed class UtxoComparer : IEqualityComparer<Utxo>
    {
        public bool Equals(Utxo? x, Utxo? y) =>
            x is not null && y is not null && x.OutPoint == y.OutPoint && x.Height == y.Height && x.IsCoinbase == y.IsCoinbase
            && x.Output.Value == y.Output.Value && x.Output.ScriptPubKey.AsSpan().SequenceEqual(y.Output.ScriptPubKey);

        public int GetHashCode(Utxo obj) => obj.OutPoint.GetHashCode();
    }
}
