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
