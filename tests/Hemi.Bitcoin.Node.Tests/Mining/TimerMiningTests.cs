using Hemi.Bitcoin.Node.Tests.TestSupport;

namespace Hemi.Bitcoin.Node.Tests.Mining;

public sealed class TimerMiningTests
{
    [Fact]
    public async Task BlockInterval_MinesOneBlockPerIntervalOfTheInjectedClock()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(50);
        var options = new RegtestNodeOptions { BlockInterval = TimeSpan.FromMinutes(10), TimerMiningScriptPubKey = key.P2wpkh };
        await using var node = await NodeFixture.CreateAsync(time, options: options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var changes = node.WatchTipChangesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = changes.MoveNextAsync();

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, (await node.GetTipAsync()).Height);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await next);
        Assert.Equal(1, changes.Current.NewTip.Height);
        next = changes.MoveNextAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await next);
        Assert.Equal(2, changes.Current.NewTip.Height);
        Assert.Equal(2, (await node.GetUtxosAsync(key.P2wpkh)).Count);
        await changes.DisposeAsync();
    }

    [Fact]
    public async Task BlockInterval_WithoutAMiningScript_IsRefused()
    {
        var options = new RegtestNodeOptions { BlockInterval = TimeSpan.FromMinutes(1) };
        await Assert.ThrowsAsync<ArgumentException>(() => NodeFixture.CreateAsync(new ManualTimeProvider(), options: options));
    }
}
