using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;
using Hemi.Ethereum;
using Hemi.Grains.Keystones;
using Hemi.Grains.Pop;
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Tests.Pop;

public sealed class PopMinerGrainTests
{
    [Fact]
    public async Task MineAsync_PublishesEachKeystone_ThenMarksThemMinedAndFinalityRises()
    {
        await using var harness = await PopMinerTestKit.StartAsync();
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 3);
        var keystones = new[] { GrainsHarness.Keystone(10), GrainsHarness.Keystone(20), GrainsHarness.Keystone(30) };
        foreach (var keystone in keystones)
        {
            await harness.SubmitAsync(keystone);
        }

        var miner = PopMinerTestKit.Miner(harness);
        await miner.FollowAsync(GrainsHarness.HashOf(keystones[0]));
        var entries = await miner.MineAsync();

        Assert.Equal(keystones.Select(GrainsHarness.HashOf), entries.Select(e => e.KeystoneHash));
        Assert.All(entries, e => Assert.Equal(PopMinerEntryStatus.Broadcast, e.Status));
        var mempool = await harness.Node.GetMempoolAsync();
        var reward = Address.FromPublicKey(PopMinerTestKit.PublicKeyOf(PopMinerTestKit.MinerKeyHex));
        var spent = new HashSet<OutPoint>();
        foreach (var entry in entries)
        {
            var transaction = Transaction.ParseHex(entry.TxHex!);
            Assert.Equal(entry.TxId, transaction.GetTxId().ToString());
            Assert.Contains(transaction.GetTxId(), mempool);
            var publication = Assert.Single(PopScanner.Scan(transaction));
            Assert.Equal(entry.KeystoneHash, publication.KeystoneHash.ToString());
            Assert.Equal(reward, publication.RewardAddress);
            Assert.True(spent.Add(Assert.Single(transaction.Inputs).PrevOut), "two keystones spent the same coin");
        }

        var block = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        var mined = await miner.MineAsync();

        Assert.All(mined, e => Assert.Equal(PopMinerEntryStatus.Mined, e.Status));
        Assert.All(mined, e => Assert.Equal(block.ToString(), e.BlockHash));
        Assert.Empty(await harness.Node.GetMempoolAsync());
        Assert.Equal(entries.Select(e => e.TxId), mined.Select(e => e.TxId));

        await harness.MineAsync(4);
        await harness.Chain.RefreshAsync();
        var finality = await harness.Grains.GetGrain<IKeystoneGrain>(GrainsHarness.HashOf(keystones[0])).GetFinalityAsync();
        Assert.NotNull(finality);
        Assert.Equal(block.ToString(), finality.BlockHash);
        Assert.Equal(4u, finality.EffectiveConfirmations);
    }

    [Fact]
    public async Task MineAsync_TracksOnlyTheLatestKeystonesAndFollowsNewOnes()
    {
        await using var harness = await PopMinerTestKit.StartAsync(o => o.LatestKeystones = 2);
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 3);
        foreach (var number in new uint[] { 1, 2, 3 })
        {
            await harness.SubmitAsync(GrainsHarness.Keystone(number));
        }

        var miner = PopMinerTestKit.Miner(harness);
        await miner.FollowAsync(GrainsHarness.HashOf(GrainsHarness.Keystone(1)));
        var first = await miner.MineAsync();
        Assert.Equal([2u, 3u], first.Select(e => e.L2BlockNumber));

        await harness.SubmitAsync(GrainsHarness.Keystone(4));
        var second = await miner.MineAsync();

        // Keystone 2 left the window but was discovered moments ago, so it is kept until it ages out.
        Assert.Equal([2u, 3u, 4u], second.Select(e => e.L2BlockNumber));
        Assert.Equal(PopMinerEntryStatus.Broadcast, second[^1].Status);
        Assert.Equal(3, (await harness.Node.GetMempoolAsync()).Count);
    }

    [Fact]
    public async Task FailedBroadcast_LeavesTheEntrySigned_AndTheNextPassResendsTheSameTransaction()
    {
        var source = new BroadcastFaults { Storage = new RecordingGrainStorage() };
        await using var harness = await StartFlakyAsync(source);
        source.FailuresLeft = 1;
        var keystone = await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        var failed = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Signed, failed.Status);
        Assert.NotNull(failed.LastError);
        Assert.Empty(await harness.Node.GetMempoolAsync());

        var sent = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Broadcast, sent.Status);
        Assert.Null(sent.LastError);
        Assert.Equal(failed.TxId, sent.TxId);
        Assert.Equal([Hash256.Parse(failed.TxId!)], await harness.Node.GetMempoolAsync());
        Assert.Equal([failed.TxHex!, failed.TxHex!], source.Broadcasts);
        Assert.Equal([true, true], source.PersistedAtBroadcast);

        // Nothing left to do: no third transaction, no re-send while the node holds it.
        await miner.MineAsync();
        Assert.Equal(2, source.Broadcasts.Count);
        Assert.Equal(GrainsHarness.HashOf(keystone), sent.KeystoneHash);
    }

    [Fact]
    public async Task LostBroadcastReply_ResendIsAnsweredAlreadyInMempool_AndCountsAsBroadcast()
    {
        var source = new BroadcastFaults { Storage = new RecordingGrainStorage() };
        await using var harness = await StartFlakyAsync(source);
        source.FailuresLeft = 1;
        source.FailAfterSending = true;
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        var signed = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Signed, signed.Status);
        Assert.Single(await harness.Node.GetMempoolAsync());

        var sent = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Broadcast, sent.Status);
        Assert.Equal(signed.TxId, sent.TxId);
        Assert.Equal([Hash256.Parse(signed.TxId!)], await harness.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task SiloRestartBetweenSigningAndBroadcasting_ResendsThePersistedTransaction()
    {
        var source = new BroadcastFaults { Storage = new RecordingGrainStorage() };
        await using var harness = await StartFlakyAsync(source);
        source.FailuresLeft = 1;
        await SubmitAndFollowAsync(harness, 42);

        var signed = Assert.Single(await PopMinerTestKit.Miner(harness).MineAsync());
        Assert.Equal(PopMinerEntryStatus.Signed, signed.Status);
        await harness.StopSiloAsync();
        Assert.Empty(await harness.Node.GetMempoolAsync());
        await harness.StartSiloAsync();

        var miner = PopMinerTestKit.Miner(harness);
        var restored = Assert.Single(await miner.GetStateAsync());
        Assert.Equal(PopMinerEntryStatus.Signed, restored.Status);
        Assert.Equal(signed.TxHex, restored.TxHex);

        var sent = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Broadcast, sent.Status);
        Assert.Equal(signed.TxId, sent.TxId);
        Assert.Equal([Hash256.Parse(signed.TxId!)], await harness.Node.GetMempoolAsync());
        Assert.Equal([signed.TxHex!, signed.TxHex!], source.Broadcasts);
        Assert.Equal([true, true], source.PersistedAtBroadcast);

        await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();
        Assert.Equal(PopMinerEntryStatus.Mined, Assert.Single(await miner.MineAsync()).Status);
        Assert.Equal(2, source.Broadcasts.Count);
    }

    [Fact]
    public async Task FeeAboveTheCap_CreatesNoTransaction_AndDelaysTheEntry()
    {
        var source = new BroadcastFaults { Storage = new RecordingGrainStorage() };
        await using var harness = await StartFlakyAsync(source, o =>
        {
            o.StaticFeeSatPerVByte = 150;
            o.MaxFeeSatPerVByte = 100;
        });
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        var before = DateTimeOffset.UtcNow;
        var delayed = Assert.Single(await miner.MineAsync());
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(PopMinerEntryStatus.Error, delayed.Status);
        Assert.Null(delayed.TxHex);
        Assert.NotNull(delayed.LastError);
        Assert.InRange(delayed.RetryAt!.Value, before + TimeSpan.FromMinutes(5), after + TimeSpan.FromMinutes(5));
        var again = Assert.Single(await miner.MineAsync());
        Assert.Equal(delayed.RetryAt, again.RetryAt);
        Assert.Empty(source.Broadcasts);
        Assert.Empty(await harness.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task FeeAboveTheCap_IsRetriedOnlyAfterTheDelay()
    {
        var clock = new ShiftableTimeProvider();
        await using var harness = await PopMinerTestKit.StartAsync(
            o =>
            {
                o.StaticFeeSatPerVByte = 150;
                o.FeeCapRetryDelay = TimeSpan.FromMinutes(5);
            },
            clock: clock);
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 1);
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        var first = Assert.Single(await miner.MineAsync());
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(first.RetryAt, Assert.Single(await miner.MineAsync()).RetryAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        var retried = Assert.Single(await miner.MineAsync());

        Assert.Equal(PopMinerEntryStatus.Error, retried.Status);
        Assert.True(retried.RetryAt > first.RetryAt + TimeSpan.FromMinutes(5), "the retry was delayed again from its own time");
        Assert.Empty(await harness.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task EntriesOlderThanTheLifetime_AreDropped_OnceOutsideTheLatestWindow()
    {
        var clock = new ShiftableTimeProvider();
        await using var harness = await PopMinerTestKit.StartAsync(o => o.LatestKeystones = 1, clock: clock);
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 2);
        await SubmitAndFollowAsync(harness, 1);
        var miner = PopMinerTestKit.Miner(harness);
        await miner.MineAsync();
        await harness.SubmitAsync(GrainsHarness.Keystone(2));
        Assert.Equal([1u, 2u], (await miner.MineAsync()).Select(e => e.L2BlockNumber));

        clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        var remaining = await miner.MineAsync();

        // Keystone 2 is as old, but still the latest: dropping it would only make the miner rediscover (and re-pay) it.
        Assert.Equal([2u], remaining.Select(e => e.L2BlockNumber));
        Assert.Equal(PopMinerEntryStatus.Broadcast, remaining[0].Status);
        Assert.Equal(2, (await harness.Node.GetMempoolAsync()).Count);
    }

    [Fact]
    public async Task ReorgedOutPublication_IsResentWithTheSameTransaction()
    {
        await using var harness = await PopMinerTestKit.StartAsync();
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 2);
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);
        var sent = Assert.Single(await miner.MineAsync());
        var block = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        Assert.Equal(PopMinerEntryStatus.Mined, Assert.Single(await miner.MineAsync()).Status);

        await harness.Node.InvalidateBlockAsync(block);
        await harness.Chain.RefreshAsync();
        var resent = Assert.Single(await miner.MineAsync());

        Assert.Equal(PopMinerEntryStatus.Broadcast, resent.Status);
        Assert.Equal(sent.TxId, resent.TxId);
        Assert.Equal([Hash256.Parse(sent.TxId!)], await harness.Node.GetMempoolAsync());

        var replacement = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        var mined = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Mined, mined.Status);
        Assert.Equal(replacement.ToString(), mined.BlockHash);
        Assert.Equal(sent.TxId, mined.TxId);
    }

    [Fact]
    public async Task NoFunds_RecordsAnErrorWithoutThrowing_AndRetriesOnceFunded()
    {
        var unfunded = PopMinerTestKit.KeyHex("popminer grain test key without coins");
        await using var harness = await PopMinerTestKit.StartAsync(o => o.PrivateKeyHex = unfunded);
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        var error = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Error, error.Status);
        Assert.Null(error.TxHex);
        Assert.NotNull(error.LastError);
        Assert.Empty(await harness.Node.GetMempoolAsync());

        await PopMinerTestKit.FundAsync(harness, unfunded, 1);
        var sent = Assert.Single(await miner.MineAsync());
        Assert.Equal(PopMinerEntryStatus.Broadcast, sent.Status);
        Assert.Single(await harness.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task LoopTimer_PublishesWithoutAnExplicitPass()
    {
        await using var harness = await PopMinerTestKit.StartAsync(o => o.LoopInterval = TimeSpan.FromMilliseconds(50));
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 1);
        await SubmitAndFollowAsync(harness, 42);
        var miner = PopMinerTestKit.Miner(harness);

        // Bounded wait for the timer's pass; the test never calls MineAsync.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<PopMinerEntry> entries;
        while ((entries = await miner.GetStateAsync()) is not [{ Status: PopMinerEntryStatus.Broadcast }] && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var entry = Assert.Single(entries);
        Assert.Equal(PopMinerEntryStatus.Broadcast, entry.Status);
        Assert.Equal([Hash256.Parse(entry.TxId!)], await harness.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task MineAsync_WithoutAValidKey_Throws()
    {
        await using var harness = await PopMinerTestKit.StartAsync(o => o.PrivateKeyHex = "not hex");

        await Assert.ThrowsAsync<InvalidOperationException>(() => PopMinerTestKit.Miner(harness).MineAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => PopMinerTestKit.Miner(harness).FollowAsync("zz"));
    }

    private static async Task<GrainsHarness> StartFlakyAsync(BroadcastFaults faults, Action<PopMinerOptions>? configure = null)
    {
        var harness = await PopMinerTestKit.StartAsync(configure, faults);
        await PopMinerTestKit.FundAsync(harness, PopMinerTestKit.MinerKeyHex, 1);
        return harness;
    }

    private static async Task<Protocol.Keystones.L2Keystone> SubmitAndFollowAsync(GrainsHarness harness, uint number)
    {
        var keystone = GrainsHarness.Keystone(number);
        await harness.SubmitAsync(keystone);
        await PopMinerTestKit.Miner(harness).FollowAsync(GrainsHarness.HashOf(keystone));
        return keystone;
    }
}
