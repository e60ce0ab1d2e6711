using Hemi.Grains.Keystones;
using Hemi.Grains.Tests.TestInfrastructure;

namespace Hemi.Grains.Tests.Keystones;

public sealed class KeystoneGrainTests
{
    [Fact]
    public async Task SubmitAsync_StoresTheKeystoneAndRegistersIt()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);

        var grain = await harness.SubmitAsync(keystone);

        var stored = await grain.GetKeystoneAsync();
        Assert.NotNull(stored);
        Assert.True(stored.ContentEquals(keystone));
        Assert.Equal(1, await harness.Grains.GetGrain<IKeystoneRegistryGrain>(KeystoneRegistry.DefaultKey).GetCountAsync());
    }

    [Fact]
    public async Task SubmitAsync_RejectsAKeystoneOfAnotherHash()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var grain = harness.Grains.GetGrain<IKeystoneGrain>(GrainsHarness.HashOf(GrainsHarness.Keystone(25)));

        await Assert.ThrowsAsync<ArgumentException>(() => grain.SubmitAsync(GrainsHarness.Keystone(50)));
        Assert.Null(await grain.GetKeystoneAsync());
        Assert.Null(await grain.GetFinalityAsync());
    }

    [Fact]
    public async Task Registry_OrdersKeystonesByL2NumberAndListsDescendants()
    {
        await using var harness = await GrainsHarness.StartAsync();
        foreach (var number in new uint[] { 75, 25, 100, 50 })
        {
            await harness.SubmitAsync(GrainsHarness.Keystone(number));
        }

        var registry = harness.Grains.GetGrain<IKeystoneRegistryGrain>(KeystoneRegistry.DefaultKey);
        var chain = await registry.GetChainFromAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(50)));

        Assert.Equal([50u, 75u, 100u], chain.Select(k => k.L2BlockNumber));
        Assert.Empty(await registry.GetChainFromAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(999))));
    }

    [Fact]
    public async Task Finality_RisesWithConfirmationsAndBecomesSuperfinal()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var grain = await harness.SubmitAsync(keystone);
        await harness.Chain.RefreshAsync();

        var before = await grain.GetFinalityAsync();
        Assert.NotNull(before);
        Assert.Equal(0u, before.EffectiveConfirmations);
        Assert.Null(before.BlockHash);
        Assert.False(before.SuperFinality);

        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var publishing = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        var published = await grain.GetFinalityAsync();
        Assert.NotNull(published);
        Assert.Equal(publishing.ToString(), published.BlockHash);
        Assert.Equal(102u, published.BlockHeight);
        Assert.Equal(0u, published.EffectiveConfirmations);

        await harness.MineAsync(9);
        await harness.Chain.RefreshAsync();
        var nine = await grain.GetFinalityAsync();
        Assert.Equal(9u, nine!.EffectiveConfirmations);
        Assert.False(nine.SuperFinality);

        await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();
        var ten = await grain.GetFinalityAsync();
        Assert.Equal(10u, ten!.EffectiveConfirmations);
        Assert.True(ten.SuperFinality);
        Assert.Equal(112, ten.TipHeight);
    }

    [Fact]
    public async Task Finality_IsInheritedFromAPublishedDescendant()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var ancestor = await harness.SubmitAsync(GrainsHarness.Keystone(25));
        var descendant = GrainsHarness.Keystone(50);
        await harness.SubmitAsync(descendant);

        await harness.BroadcastAsync(await harness.BuildPopAsync(descendant));
        await harness.MineAsync(4);
        await harness.Chain.RefreshAsync();

        var finality = await ancestor.GetFinalityAsync();
        Assert.NotNull(finality);
        Assert.Equal(25u, finality.L2Keystone.L2BlockNumber);
        Assert.Equal(50u, finality.FinalizedBy!.L2BlockNumber);
        Assert.Equal(102u, finality.BlockHeight);
        Assert.Equal(3u, finality.EffectiveConfirmations);
    }

    [Fact]
    public async Task Finality_DropsWhenThePublishingBlockIsInvalidatedAndReturnsWhenRepublished()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var grain = await harness.SubmitAsync(keystone);
        var pop = await harness.BuildPopAsync(keystone);
        await harness.BroadcastAsync(pop);
        var publishing = (await harness.MineAsync(1))[0];
        await harness.MineAsync(5);
        await harness.Chain.RefreshAsync();
        Assert.Equal(5u, (await grain.GetFinalityAsync())!.EffectiveConfirmations);

        await harness.Node.InvalidateBlockAsync(publishing);
        await harness.Chain.RefreshAsync();
        var dropped = await grain.GetFinalityAsync();
        Assert.Null(dropped!.BlockHash);
        Assert.Equal(0u, dropped.EffectiveConfirmations);

        // Like bitcoind, the node returns a disconnected block's transactions to the mempool, so the same signed
        // transaction is pending again without a re-broadcast (which would be refused as already in the mempool).
        Assert.Contains(pop.GetTxId(), await harness.Node.GetMempoolAsync());

        var republishing = (await harness.MineAsync(1))[0];
        await harness.MineAsync(2);
        await harness.Chain.RefreshAsync();
        var back = await grain.GetFinalityAsync();
        Assert.Equal(republishing.ToString(), back!.BlockHash);
        Assert.Equal(102u, back.BlockHeight);
        Assert.Equal(2u, back.EffectiveConfirmations);
    }

    [Fact]
    public async Task State_SurvivesASiloRestart()
    {
        await using var harness = await GrainsHarness.StartAsync();
        var keystone = GrainsHarness.Keystone(25);
        var hash = GrainsHarness.HashOf(keystone);
        await harness.SubmitAsync(keystone);
        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var publishing = (await harness.MineAsync(1))[0];
        await harness.MineAsync(3);
        await harness.Chain.RefreshAsync();

        await harness.StopSiloAsync();
        await harness.StartSiloAsync();

        Assert.Equal(105, (await harness.Chain.GetTipAsync()).Height);
        var publication = await harness.Chain.GetFirstPublicationAsync(hash);
        Assert.Equal(publishing.ToString(), publication!.BlockHash);
        var finality = await harness.Grains.GetGrain<IKeystoneGrain>(hash).GetFinalityAsync();
        Assert.True(finality!.L2Keystone.ContentEquals(keystone));
        Assert.Equal(3u, finality.EffectiveConfirmations);
    }
}
