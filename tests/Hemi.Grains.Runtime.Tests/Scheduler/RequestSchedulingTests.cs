using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Scheduler;

public sealed class RequestSchedulingTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task NonReentrantGrain_NeverInterleavesAcrossAwaits()
    {
        var grain = _silo.GrainFactory.GetGrain<IConcurrencyProbeGrain>("nonreentrant");
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => grain.Work())));
        Assert.Equal(1, await grain.GetMaxConcurrency());
        Assert.Equal(0, await grain.GetViolations());
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesAtAwaitsButNeverRunsTwoTurnsAtOnce()
    {
        var grain = _silo.GrainFactory.GetGrain<IReentrantProbeGrain>("reentrant");
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => grain.Work())));
        Assert.True(await grain.GetMaxConcurrency() > 1);
        Assert.Equal(0, await grain.GetViolations());
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_RunsWhileANonReentrantRequestIsWaiting()
    {
        var grain = _silo.GrainFactory.GetGrain<IConcurrencyProbeGrain>("interleave");
        _silo.Gate.Reset();
        var hold = grain.Hold();
        await Task.Delay(50);
        Assert.False(hold.IsCompleted);

        // Release is [AlwaysInterleave]: if it were queued behind Hold, this would never complete.
        await grain.Release().WaitAsync(TimeSpan.FromSeconds(5));
        await hold.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task OrdinaryRequest_WaitsForARunningNonReentrantRequest()
    {
        var grain = _silo.GrainFactory.GetGrain<IConcurrencyProbeGrain>("blocked");
        _silo.Gate.Reset();
        var hold = grain.Hold();
        await Task.Delay(20);
        var work = grain.Work();
        await Task.Delay(100);
        Assert.False(work.IsCompleted);
        _silo.Gate.Release();
        await Task.WhenAll(hold, work).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DeepQueueBehindABlockedRequest_DrainsOneAtATime_AndAnInterleavedCallStillPasses()
    {
        var grain = _silo.GrainFactory.GetGrain<IConcurrencyProbeGrain>("deep");
        _silo.Gate.Reset();
        var hold = grain.Hold();
        await Task.Delay(20);
        var queued = Enumerable.Range(0, 500).Select(_ => grain.Work()).ToArray();

        // Behind five hundred waiting requests, an [AlwaysInterleave] call runs at once and releases the holder.
        await grain.Release().WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(queued.Append(hold)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await grain.GetMaxConcurrency());
        Assert.Equal(0, await grain.GetViolations());
    }

    [Fact]
    public async Task ReadOnlyRequests_InterleaveWithEachOtherButNotWithWrites()
    {
        var grain = _silo.GrainFactory.GetGrain<IConcurrencyProbeGrain>("readonly");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Read()));
        Assert.True(await grain.GetMaxReaders() > 1);

        var mixed = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? grain.Write() : grain.Read());
        await Task.WhenAll(mixed);
        Assert.Equal(0, await grain.GetViolations());
    }
}
