using Hemi.Bitcoin.Node.Tests.TestSupport;

namespace Hemi.Bitcoin.Node.Tests.Client;

public sealed class BitcoindRpcClientTipWatchingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Polling_ReportsANewBlockThenAReorg()
    {
        using var key = new TestKey(98);
        using var other = new TestKey(99);
        using var gate = new GateHandler();
        await using var h = await ClientHarness.StartAsync(gate);
        var original = await h.Node.GenerateToAddressAsync(4, key.P2wpkh);
        using var cts = new CancellationTokenSource();
        await using var changes = h.Client.WatchTipChangesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = changes.MoveNextAsync().AsTask();
        await gate.WaitForCompletedAsync(1); // the watcher has read its starting tip

        // The gate stays shut while the node changes, so each poll sees a finished state.
        await gate.CloseAsync();
        var extension = await h.Node.GenerateToAddressAsync(1, key.P2wpkh);
        gate.Open();
        Assert.True(await next.WaitAsync(Patience));
        var grew = changes.Current;
        Assert.False(grew.IsReorg);
        Assert.Equal(new ChainTip(4, original[3]), grew.OldTip);
        Assert.Equal(new ChainTip(5, extension[0]), grew.NewTip);
        Assert.Equal(grew.OldTip, grew.ForkPoint);
        Assert.Equal([new ChainTip(5, extension[0])], grew.Connected);

        await gate.CloseAsync();
        next = changes.MoveNextAsync().AsTask();
        await h.Node.InvalidateBlockAsync(original[3]); // drops heights 4 and 5
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var branch = await h.Node.GenerateToAddressAsync(3, other.P2wpkh);
        gate.Open();
        Assert.True(await next.WaitAsync(Patience));
        var reorg = changes.Current;

        Assert.True(reorg.IsReorg);
        Assert.Equal(grew.NewTip, reorg.OldTip);
        Assert.Equal(new ChainTip(6, branch[2]), reorg.NewTip);
        Assert.Equal(new ChainTip(3, original[2]), reorg.ForkPoint);
        Assert.Equal([new ChainTip(5, extension[0]), new ChainTip(4, original[3])], reorg.Disconnected);
        Assert.Equal([new ChainTip(4, branch[0]), new ChainTip(5, branch[1]), new ChainTip(6, branch[2])], reorg.Connected);
        Assert.Equal(await h.Node.GetTipAsync(), reorg.NewTip);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task TipChangedEvent_FiresWhileAHandlerIsAttached()
    {
        using var key = new TestKey(100);
        using var gate = new GateHandler();
        await using var h = await ClientHarness.StartAsync(gate);
        var seen = new TaskCompletionSource<TipChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<TipChange> handler = (_, change) => seen.TrySetResult(change);

        h.Client.TipChanged += handler;
        try
        {
            await gate.WaitForCompletedAsync(1);
            await gate.CloseAsync();
            var mined = await h.Node.GenerateToAddressAsync(2, key.P2wpkh);
            gate.Open();

            var change = await seen.Task.WaitAsync(Patience);
            Assert.Equal(new ChainTip(2, mined[1]), change.NewTip);
            Assert.Equal([new ChainTip(1, mined[0]), new ChainTip(2, mined[1])], change.Connected);
            Assert.Empty(change.Disconnected);
        }
        finally
        {
            h.Client.TipChanged -= handler;
        }
    }
}
