using Hemi.Bitcoin;
using Hemi.Bitcoin.Node;
using Hemi.Grains.Keystones;
using Hemi.Grains.Pop;
using Hemi.Grains.Tests.Pop;
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Tests.EndToEnd;

/// <summary>Keystones → PoP miner → Bitcoin → finality on one silo with the embedded node, over file storage.</summary>
public sealed class WholeStackTests
{
    private static readonly string MinerKeyHex = PopMinerTestKit.KeyHex("whole stack pop miner");
    private static readonly byte[] OtherScript = [0x51];

    [Fact]
    public async Task Restart_MidWay_LosesNoPublication_ResendsTheUnconfirmedTxUnchanged_AndFinalityReachesSuperfinal()
    {
        var root = Path.Combine(Path.GetTempPath(), "hemi-stack-" + Guid.NewGuid().ToString("N"));
        await using var stack = await FileBackedStack.StartAsync(root, MinerKeyHex);
        await FundAsync(stack, coins: 3);
        var keystones = new[] { GrainsHarness.Keystone(25), GrainsHarness.Keystone(50), GrainsHarness.Keystone(75) };
        await SubmitAsync(stack, keystones[0]);
        await SubmitAsync(stack, keystones[1]);
        var first = await stack.Miner.MineAsync();
        Assert.All(first, e => Assert.Equal(PopMinerEntryStatus.Broadcast, e.Status));
        var publishing = (await stack.Node.GenerateToAddressAsync(1, OtherScript))[0];
        await stack.Node.GenerateToAddressAsync(2, OtherScript);
        await stack.Chain.RefreshAsync();

        // The third keystone's transaction is signed and sent, but not mined, when everything stops.
        await SubmitAsync(stack, keystones[2]);
        var pending = (await stack.Miner.MineAsync()).Single(e => e.L2BlockNumber == 75);
        Assert.Equal(PopMinerEntryStatus.Broadcast, pending.Status);
        var indexedBefore = await SubmissionsAsync(stack, first);
        Assert.All(indexedBefore, s => Assert.True(s.Indexed && s.BlockHash == publishing.ToString()));
        await stack.StopAsync();

        // The node comes back without its mempool (as a bitcoind without mempool.dat would).
        await foreach (var key in stack.NodeStore.ListAsync("regtest/mempool/"))
        {
            await stack.NodeStore.DeleteAsync(key);
        }

        await stack.StartAgainAsync();
        Assert.Empty(await stack.Node.GetMempoolAsync());
        Assert.Equal(indexedBefore, await SubmissionsAsync(stack, first));
        Assert.Equal(publishing.ToString(), (await stack.Chain.GetFirstPublicationAsync(GrainsHarness.HashOf(keystones[0])))!.BlockHash);

        var resent = (await stack.Miner.MineAsync()).Single(e => e.L2BlockNumber == 75);
        Assert.Equal(pending.TxId, resent.TxId);
        Assert.Equal(pending.TxHex, resent.TxHex);
        Assert.Equal([Hash256.Parse(pending.TxId!)], await stack.Node.GetMempoolAsync());

        var republishing = (await stack.Node.GenerateToAddressAsync(1, OtherScript))[0];
        await stack.Chain.RefreshAsync();
        Assert.Equal(republishing.ToString(), (await stack.Grains.GetGrain<IPopSubmissionGrain>(pending.TxId!).GetAsync())!.BlockHash);

        // Finality continues from the restored chain: 10 confirmations of the last publication make all three superfinal.
        await stack.Node.GenerateToAddressAsync(9, OtherScript);
        await stack.Chain.RefreshAsync();
        var almost = await FinalityAsync(stack, keystones[2]);
        Assert.Equal((9u, false), (almost.EffectiveConfirmations, almost.SuperFinality));
        await stack.Node.GenerateToAddressAsync(1, OtherScript);
        await stack.Chain.RefreshAsync();
        foreach (var keystone in keystones)
        {
            Assert.True((await FinalityAsync(stack, keystone)).SuperFinality);
        }

        // Nothing was paid twice: the miner's coins were spent by exactly three transactions.
        Assert.Equal(3, (await stack.Miner.GetStateAsync()).Select(e => e.TxId).Distinct().Count());
    }

    [Fact]
    public async Task InvalidatingThePublishingBlock_DropsFinality_AndTheMinerRepublishesTheSameTx()
    {
        var root = Path.Combine(Path.GetTempPath(), "hemi-stack-" + Guid.NewGuid().ToString("N"));
        await using var stack = await FileBackedStack.StartAsync(root, MinerKeyHex);
        await FundAsync(stack, coins: 1);
        var keystone = GrainsHarness.Keystone(100);
        await SubmitAsync(stack, keystone);
        var sent = Assert.Single(await stack.Miner.MineAsync());
        var publishing = (await stack.Node.GenerateToAddressAsync(1, OtherScript))[0];
        await stack.Node.GenerateToAddressAsync(10, OtherScript);
        await stack.Chain.RefreshAsync();
        Assert.Equal(PopMinerEntryStatus.Mined, Assert.Single(await stack.Miner.MineAsync()).Status);
        Assert.True((await FinalityAsync(stack, keystone)).SuperFinality);

        await stack.Node.InvalidateBlockAsync(publishing);
        await stack.Chain.RefreshAsync();

        var dropped = await FinalityAsync(stack, keystone);
        Assert.Equal((0u, false, (string?)null), (dropped.EffectiveConfirmations, dropped.SuperFinality, dropped.BlockHash));
        Assert.False((await stack.Grains.GetGrain<IPopSubmissionGrain>(sent.TxId!).GetAsync())!.Indexed);
        var republished = Assert.Single(await stack.Miner.MineAsync());
        Assert.Equal((PopMinerEntryStatus.Broadcast, sent.TxId), (republished.Status, republished.TxId));

        var again = (await stack.Node.GenerateToAddressAsync(1, OtherScript))[0];
        await stack.Node.GenerateToAddressAsync(10, OtherScript);
        await stack.Chain.RefreshAsync();
        var back = await FinalityAsync(stack, keystone);
        Assert.Equal(again.ToString(), back.BlockHash);
        Assert.True(back.SuperFinality);
        Assert.Equal(PopMinerEntryStatus.Mined, Assert.Single(await stack.Miner.MineAsync()).Status);
    }

    private static async Task FundAsync(FileBackedStack stack, int coins)
    {
        await stack.Node.GenerateToAddressAsync(coins, PopTransactionFactory.MinerScript(PopMinerTestKit.PublicKeyOf(MinerKeyHex)));
        await stack.Node.GenerateToAddressAsync(RegtestNode.CoinbaseMaturity, OtherScript);
    }

    private static Task SubmitAsync(FileBackedStack stack, L2Keystone keystone) =>
        stack.Grains.GetGrain<IKeystoneGrain>(GrainsHarness.HashOf(keystone)).SubmitAsync(keystone);

    private static async Task<KeystoneFinalityInfo> FinalityAsync(FileBackedStack stack, L2Keystone keystone) =>
        (await stack.Grains.GetGrain<IKeystoneGrain>(GrainsHarness.HashOf(keystone)).GetFinalityAsync())!;

    private static async Task<List<PopSubmission>> SubmissionsAsync(FileBackedStack stack, IEnumerable<PopMinerEntry> entries)
    {
        var result = new List<PopSubmission>();
        foreach (var entry in entries)
        {
            result.Add((await stack.Grains.GetGrain<IPopSubmissionGrain>(entry.TxId!).GetAsync())!);
        }

        return result;
    }
}
