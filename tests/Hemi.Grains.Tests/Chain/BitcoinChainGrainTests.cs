using Hemi.Grains.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Hemi.Grains.Tests.TestInfrastructure;

namespace Hemi.Grains.Tests.Chain;

public sealed class BitcoinChainGrainTests
{
    [Fact]
    public async Task RefreshAsync_FollowsTheNodeTip()
    {
        await using var harness = await GrainsHarness.StartAsync();

        var tip = await harness.Chain.RefreshAsync();
        Assert.Equal(101, tip.Height);
        Assert.Equal((await harness.Node.GetTipAsync()).Hash.ToString(), tip.Hash);

        var mined = await harness.MineAsync(3);
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        tip = await harness.Chain.RefreshAsync();

        Assert.Equal(104, tip.Height);
        Assert.Equal(mined[^1].ToString(), tip.Hash);
    }

    [Fact]
    public async Task Publications_AreIndexedAndFirstPublicationWins()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var hash = GrainsHarness.HashOf(keystone);

        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var first = await harness.MineAsync(1);
        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var second = await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();

        var publication = await harness.Chain.GetFirstPublicationAsync(hash);
        var all = await harness.Chain.GetPublicationsAsync(hash);

        Assert.NotNull(publication);
        Assert.Equal(first[0].ToString(), publication.BlockHash);
        Assert.Equal(102, publication.BlockHeight);
        Assert.Equal(hash, publication.KeystoneHash);
        Assert.Equal([102, 103], all.Select(p => p.BlockHeight));
        Assert.Equal(second[0].ToString(), all[1].BlockHash);
        Assert.Null(await harness.Chain.GetFirstPublicationAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(50))));
    }

    [Fact]
    public async Task Reorg_UnindexesTheDisconnectedPublication()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var hash = GrainsHarness.HashOf(keystone);
        var pop = await harness.BuildPopAsync(keystone);
        await harness.BroadcastAsync(pop);
        var publishing = (await harness.MineAsync(1))[0];
        await harness.MineAsync(2);
        await harness.Chain.RefreshAsync();
        Assert.NotNull(await harness.Chain.GetFirstPublicationAsync(hash));

        await harness.Node.InvalidateBlockAsync(publishing);
        var tip = await harness.Chain.RefreshAsync();

        Assert.Equal(101, tip.Height);
        Assert.Null(await harness.Chain.GetFirstPublicationAsync(hash));
        Assert.Empty(await harness.Chain.GetPublicationsAsync(hash));
    }

    [Fact]
    public async Task GetFirstPublicationAsync_RejectsAMalformedHash()
    {
        await using var harness = await GrainsHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Chain.GetFirstPublicationAsync("not a hash"));
    }
}

public sealed class BitcoinChainGrainIndexerTests
{
    [Fact]
    public async Task Reorg_DisconnectsHighestFirstThenConnectsTheNewBranch()
    {
        var recorder = new RecordingIndexerFactory();
        await using var harness = await GrainsHarness.StartAsync(s => s.AddSingleton<IBlockIndexerFactory>(recorder));
        var old = await harness.MineAsync(3); // 102..104
        await harness.Chain.RefreshAsync();
        Assert.Equal(105, recorder.Events.Count); // genesis..104
        Assert.Equal($"+104:{old[2]}", recorder.Events[^1]);

        await harness.Node.InvalidateBlockAsync(old[1]); // 103 and 104 leave the best chain
        var fresh = await harness.MineAsync(3); // new 103..105
        var tip = await harness.Chain.RefreshAsync();

        Assert.Equal(105, tip.Height);
        Assert.Equal(fresh[2].ToString(), tip.Hash);
        Assert.Equal(
            [$"-{old[2]}", $"-{old[1]}", $"+103:{fresh[0]}", $"+104:{fresh[1]}", $"+105:{fresh[2]}"],
            recorder.Events.Skip(105));
    }

    [Fact]
    public async Task Activation_ReconcilesAReorgThatHappenedWhileTheSiloWasDown()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var hash = GrainsHarness.HashOf(keystone);
        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var publishing = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        Assert.NotNull(await harness.Chain.GetFirstPublicationAsync(hash));

        await harness.StopSiloAsync();
        await harness.Node.InvalidateBlockAsync(publishing);
        await harness.StartSiloAsync();

        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        Assert.Null(await harness.Chain.GetFirstPublicationAsync(hash));
    }

    [Fact]
    public async Task Timer_PicksUpNewBlocksWithoutAnExplicitRefresh()
    {
        await using var harness = await GrainsHarness.StartAsync(pollInterval: TimeSpan.FromMilliseconds(50));
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);

        await harness.MineAsync(2);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await harness.Chain.GetTipAsync()).Height != 103 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(103, (await harness.Chain.GetTipAsync()).Height);
    }
}
