using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Grains.Pop;
using Hemi.Grains.Tests.TestInfrastructure;

namespace Hemi.Grains.Tests.Pop;

public sealed class PopSubmissionGrainTests
{
    [Fact]
    public async Task IndexedPublication_IsRecordedWithItsBlockKeyRewardAddressAndKeystone()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var tx = await harness.BuildPopAsync(keystone);
        await harness.BroadcastAsync(tx);
        var block = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();

        var submission = await harness.Grains.GetGrain<IPopSubmissionGrain>(tx.GetTxId().ToString()).GetAsync();

        Assert.NotNull(submission);
        Assert.Equal(tx.GetTxId().ToString(), submission.TxId);
        Assert.Equal(tx.ToHex(), submission.TxHex);
        Assert.Equal(block.ToString(), submission.BlockHash);
        Assert.Equal(102, submission.BlockHeight);
        Assert.Equal(1, submission.TransactionIndex);
        Assert.Equal(tx.Outputs.Count - 1, submission.OutputIndex);
        Assert.Equal(GrainsHarness.HashOf(keystone), submission.KeystoneHash);
        Assert.Equal(Hex.Encode(keystone.Abbreviate().ToBytes()), submission.KeystoneAbrevHex);
        Assert.Equal(Hex.Encode(harness.MinerKey.PublicKey.ToCompressed()), submission.MinerPublicKey);
        Assert.Equal(Address.FromPublicKey(harness.MinerKey.PublicKey).ToString(), submission.RewardAddress);
        Assert.Equal((102, 0, true, true), (submission.FirstPublicationHeight, submission.RelativeBlock, submission.WithinPayoutWindow, submission.Indexed));
        Assert.True(submission.IsRewardEligible);
    }

    [Fact]
    public async Task LaterPublications_CountTheirRelativeBlock_AndOnlyThoseBelowNineAreRewarded()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(50);
        var txs = new List<Hemi.Bitcoin.Transactions.Transaction>();
        // Publications at relative blocks 0, 3, 8 and 9.
        foreach (var gap in new[] { 0, 3, 5, 1 })
        {
            if (gap > 1)
            {
                await harness.MineAsync(gap - 1);
            }

            var tx = await harness.BuildPopAsync(keystone);
            await harness.BroadcastAsync(tx);
            await harness.MineAsync(1);
            txs.Add(tx);
        }

        await harness.Chain.RefreshAsync();

        var submissions = new List<PopSubmission>();
        foreach (var tx in txs)
        {
            submissions.Add((await harness.Grains.GetGrain<IPopSubmissionGrain>(tx.GetTxId().ToString()).GetAsync())!);
        }

        Assert.Equal([0, 3, 8, 9], submissions.Select(s => s.RelativeBlock));
        Assert.Equal([true, true, true, false], submissions.Select(s => s.WithinPayoutWindow));
        var rewarded = await harness.Chain.GetRewardPublicationsAsync(GrainsHarness.HashOf(keystone));
        Assert.Equal(txs.Take(3).Select(t => t.GetTxId().ToString()), rewarded.Select(r => r.TxId));
        Assert.Equal([0, 3, 8], rewarded.Select(r => r.RelativeBlock));
        Assert.All(rewarded, r => Assert.Equal(Address.FromPublicKey(harness.MinerKey.PublicKey).ToString(), r.RewardAddress));
        Assert.Empty(await harness.Chain.GetRewardPublicationsAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(75))));
    }

    [Fact]
    public async Task Reorg_MarksTheSubmissionUnindexed_MovesTheWindow_AndTheSameTxMinedAgainIsIndexedAgain()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(75);
        var first = await harness.BuildPopAsync(keystone);
        await harness.BroadcastAsync(first);
        var firstBlock = (await harness.MineAsync(1))[0];
        await harness.MineAsync(1);
        var second = await harness.BuildPopAsync(keystone);
        await harness.BroadcastAsync(second);
        await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();
        var firstGrain = harness.Grains.GetGrain<IPopSubmissionGrain>(first.GetTxId().ToString());
        var secondGrain = harness.Grains.GetGrain<IPopSubmissionGrain>(second.GetTxId().ToString());
        Assert.Equal(2, (await secondGrain.GetAsync())!.RelativeBlock);

        // Both publishing blocks leave the chain; both transactions return to the mempool.
        await harness.Node.InvalidateBlockAsync(firstBlock);
        await harness.Chain.RefreshAsync();

        Assert.False((await firstGrain.GetAsync())!.Indexed);
        Assert.False((await secondGrain.GetAsync())!.Indexed);
        Assert.False((await firstGrain.GetAsync())!.IsRewardEligible);
        Assert.Empty(await harness.Chain.GetRewardPublicationsAsync(GrainsHarness.HashOf(keystone)));

        // The replacement chain confirms both in one block: both are first publications (relative 0) there.
        var replacement = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        var again = (await firstGrain.GetAsync())!;
        Assert.True(again.Indexed);
        Assert.Equal(replacement.ToString(), again.BlockHash);
        Assert.Equal(0, again.RelativeBlock);
        Assert.Equal(0, (await secondGrain.GetAsync())!.RelativeBlock);

        // Unindexing a block it is not in changes nothing; the same record twice is a no-op.
        await firstGrain.UnindexAsync(Hash256.Zero.ToString());
        await firstGrain.IndexAsync(again);
        Assert.Equal(again, await firstGrain.GetAsync());
    }

    [Fact]
    public async Task Submissions_SurviveASiloRestart()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var tx = await harness.BuildPopAsync(GrainsHarness.Keystone(100));
        await harness.BroadcastAsync(tx);
        await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();
        var before = await harness.Grains.GetGrain<IPopSubmissionGrain>(tx.GetTxId().ToString()).GetAsync();

        await harness.StopSiloAsync();
        await harness.StartSiloAsync();

        Assert.Equal(before, await harness.Grains.GetGrain<IPopSubmissionGrain>(tx.GetTxId().ToString()).GetAsync());
    }

    [Fact]
    public async Task IndexAsync_RejectsASubmissionOfAnotherTransaction()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var grain = harness.Grains.GetGrain<IPopSubmissionGrain>(Hash256.Zero.ToString());
        var other = new PopSubmission("11".PadLeft(64, '1'), "", Hash256.Zero.ToString(), 1, 1, 1, "", "", null, null, 1, 0, true, true);

        await Assert.ThrowsAsync<ArgumentException>(() => grain.IndexAsync(other));
        Assert.Null(await grain.GetAsync());
    }
}
