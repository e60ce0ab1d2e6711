using Hemi.Grains.Pop;
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Keystones;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Tests.Pop;

public sealed class PopMinerDiscoveryTests
{
    [Fact]
    public async Task MineAsync_DiscoversTheRegistrysLatestKeystones_WithoutFollowAsync()
    {
        await using var harness = await PopMinerTestKit.StartAsync(o => o.LatestKeystones = 2);
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 2);
        foreach (var number in new uint[] { 25, 50, 75 })
        {
            await harness.SubmitAsync(GrainsHarness.Keystone(number));
        }

        var entries = await PopMinerTestKit.Miner(harness).MineAsync();

        Assert.Equal([50u, 75u], entries.Select(e => e.L2BlockNumber));
        Assert.All(entries, e => Assert.Equal(PopMinerEntryStatus.Broadcast, e.Status));
        Assert.Equal(2, (await harness.Node.GetMempoolAsync()).Count);
    }

    [Fact]
    public async Task FollowAsync_StillBoundsDiscoveryFromBelow()
    {
        await using var harness = await PopMinerTestKit.StartAsync();
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 2);
        foreach (var number in new uint[] { 25, 50, 75 })
        {
            await harness.SubmitAsync(GrainsHarness.Keystone(number));
        }

        var miner = PopMinerTestKit.Miner(harness);
        await miner.FollowAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(50)));

        Assert.Equal([50u, 75u], (await miner.MineAsync()).Select(e => e.L2BlockNumber));
    }

    [Fact]
    public async Task FollowAsync_OfAnUnknownKeystone_DiscoversNothingUntilItIsRegistered()
    {
        await using var harness = await PopMinerTestKit.StartAsync();
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 1);
        await harness.SubmitAsync(GrainsHarness.Keystone(25));
        var miner = PopMinerTestKit.Miner(harness);
        await miner.FollowAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(50)));

        Assert.Empty(await miner.MineAsync());

        await harness.SubmitAsync(GrainsHarness.Keystone(50));
        Assert.Equal([50u], (await miner.MineAsync()).Select(e => e.L2BlockNumber));
    }

    [Fact]
    public async Task AKeystoneSourceInDi_ReplacesTheRegistry()
    {
        var remote = new ListKeystoneSource([GrainsHarness.Keystone(250, "remote"), GrainsHarness.Keystone(225, "remote")]);
        await using var harness = await GrainsHarness.StartAsync(services =>
        {
            services.AddKeyedSingleton<IKeystoneSource>(PopMinerTestKit.MinerId, remote);
            services.AddPopMiner(PopMinerTestKit.MinerId, o =>
            {
                o.PrivateKeyHex = PopMinerTestKit.MinerKeyHex;
                o.LoopInterval = TimeSpan.Zero;
            });
        });
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 2);
        // Registered in the silo but not offered by the source: never mined.
        await harness.SubmitAsync(GrainsHarness.Keystone(25));

        var entries = await PopMinerTestKit.Miner(harness).MineAsync();

        Assert.Equal([225u, 250u], entries.Select(e => e.L2BlockNumber));
        Assert.Equal([12], remote.Counts);
    }

    [Fact]
    public async Task AFailingKeystoneSource_StillLetsTrackedKeystonesProgress_AndIsReportedAfterThePass()
    {
        var remote = new ListKeystoneSource([GrainsHarness.Keystone(300, "remote")]);
        await using var harness = await GrainsHarness.StartAsync(services =>
        {
            services.AddKeyedSingleton<IKeystoneSource>(PopMinerTestKit.MinerId, remote);
            services.AddPopMiner(PopMinerTestKit.MinerId, o =>
            {
                o.PrivateKeyHex = PopMinerTestKit.MinerKeyHex;
                o.LoopInterval = TimeSpan.Zero;
            });
        });
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 1);
        var miner = PopMinerTestKit.Miner(harness);
        var sent = Assert.Single(await miner.MineAsync());
        var block = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();

        remote.Failure = new HttpRequestException("connection refused");
        var failure = await Assert.ThrowsAsync<KeystoneDiscoveryException>(() => miner.MineAsync());

        Assert.IsType<HttpRequestException>(failure.InnerException);
        var mined = Assert.Single(await miner.GetStateAsync());
        Assert.Equal((PopMinerEntryStatus.Mined, block.ToString(), sent.TxId), (mined.Status, mined.BlockHash, mined.TxId));
    }

    private sealed class ListKeystoneSource(IReadOnlyList<L2Keystone> newestFirst) : IKeystoneSource
    {
        public List<int> Counts { get; } = [];

        public Exception? Failure { get; set; }

        public Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count, CancellationToken ct = default)
        {
            if (Failure is { } failure)
            {
                return Task.FromException<IReadOnlyList<L2Keystone>>(failure);
            }

            Counts.Add(count);
            return Task.FromResult<IReadOnlyList<L2Keystone>>(newestFirst.Take(count).ToArray());
        }
    }
}
