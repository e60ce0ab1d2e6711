using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Regtest;

public sealed class RegtestNodeReorgTests
{
    [Fact]
    public async Task InvalidateBlock_ReorgsToTheParentAndReturnsTransactionsToTheMempool()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(30);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);
        Assert.True((await node.BroadcastAsync(tx)).Accepted);
        var mined = (await node.GenerateToAddressAsync(1, key.P2pkh))[0];
        var parent = (await node.GetHeaderAsync(101))!.Hash;
        var changes = new List<TipChange>();
        node.TipChanged += (_, c) => changes.Add(c);

        await node.InvalidateBlockAsync(mined);

        Assert.Equal(new ChainTip(101, parent), await node.GetTipAsync());
        Assert.Contains(tx.GetTxId(), await node.GetMempoolAsync());
        Assert.False((await node.GetTransactionAsync(tx.GetTxId()))!.IsConfirmed);
        Assert.Contains(await node.GetUtxosAsync(key.P2wpkh, excludeMempoolSpent: false), u => u.OutPoint == coin.OutPoint);
        Assert.True(await node.IsInvalidAsync(mined));
        var change = Assert.Single(changes);
        Assert.True(change.IsReorg);
        Assert.Equal(new ChainTip(102, mined), Assert.Single(change.Disconnected));
        Assert.Empty(change.Connected);

        // The node now mines on the parent; the returned transaction confirms in the replacement chain.
        var replacement = await node.GenerateToAddressAsync(2, key.P2pkh);
        Assert.DoesNotContain(mined, replacement);
        Assert.Equal(new ChainTip(103, replacement[1]), await node.GetTipAsync());
        Assert.Equal(replacement[0], (await node.GetTransactionAsync(tx.GetTxId()))!.Block!.Hash);
        Assert.False((await node.GetHeaderAsync(mined))!.IsOnBestChain);

        // Reconsidering the shorter branch does not displace the longer one.
        await node.ReconsiderBlockAsync(mined);
        Assert.Equal(replacement[1], (await node.GetTipAsync()).Hash);
    }

    [Fact]
    public async Task LongerCompetingChain_WinsAndDisconnectsTheOldBranch()
    {
        var time = new ManualTimeProvider();
        using var alice = new TestKey(31);
        using var bob = new TestKey(32);
        await using var node = await NodeFixture.CreateAsync(time);
        await using var rival = await NodeFixture.CreateAsync(time);
        var ours = await node.GenerateToAddressAsync(2, alice.P2pkh);
        var theirs = await rival.GenerateToAddressAsync(3, bob.P2pkh);
        var changes = new List<TipChange>();
        node.TipChanged += (_, c) => changes.Add(c);

        for (var i = 0; i < theirs.Count; i++)
        {
            var block = Block.Parse((await rival.GetRawBlockAsync(theirs[i]))!);
            Assert.Null(await node.SubmitBlockAsync(block));
        }

        Assert.Equal(new ChainTip(3, theirs[2]), await node.GetTipAsync());
        Assert.Empty(await node.GetUtxosAsync(alice.P2pkh));
        Assert.Equal(3, (await node.GetUtxosAsync(bob.P2pkh)).Count);
        var reorg = Assert.Single(changes);
        Assert.Equal(0, reorg.ForkPoint.Height);
        Assert.Equal([new ChainTip(2, ours[1]), new ChainTip(1, ours[0])], reorg.Disconnected);
        Assert.Equal(theirs, reorg.Connected.Select(c => c.Hash));
        Assert.False((await node.GetHeaderAsync(ours[0]))!.IsOnBestChain);
    }

    [Fact]
    public async Task InvalidatingAMiddleBlock_DisconnectsItsDescendants()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(33);
        await using var node = await NodeFixture.CreateAsync(time);
        var hashes = await node.GenerateToAddressAsync(5, key.P2pkh);

        await node.InvalidateBlockAsync(hashes[2]);

        Assert.Equal(new ChainTip(2, hashes[1]), await node.GetTipAsync());
        Assert.Equal(2, (await node.GetUtxosAsync(key.P2pkh)).Count);
        Assert.True(await node.IsInvalidAsync(hashes[4]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => node.InvalidateBlockAsync(Network.Regtest.GenesisHash));

        await node.ReconsiderBlockAsync(hashes[4]);
        Assert.Equal(new ChainTip(5, hashes[4]), await node.GetTipAsync());
    }
}
