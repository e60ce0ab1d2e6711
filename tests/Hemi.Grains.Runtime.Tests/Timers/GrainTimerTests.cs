using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Timers;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task NextPeriod_StartsOnlyAfterTheCallbackCompletes()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        silo.Gate.Reset();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("period");
        await grain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), waitOnGate: true);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.TrueAsync(() => grain.GetTicksStarted().Result == 1));

        // The callback is still running: however much time passes, no second tick starts.
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.Equal(1, await grain.GetTicksStarted());

        silo.Gate.Release();
        Assert.True(await Eventually.TrueAsync(() => grain.GetTicksCompleted().Result == 1));
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, await grain.GetTicksStarted());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await Eventually.TrueAsync(() => grain.GetTicksStarted().Result == 2));
        Assert.Equal(0, await grain.GetViolations());
    }

    [Fact]
    public async Task Ticks_NeverOverlapRequestsOrEachOther()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("overlap");
        await grain.StartTimer(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), waitOnGate: false);
        for (int i = 0; i < 30; i++)
        {
            var busy = Enumerable.Range(0, 3).Select(_ => grain.Busy()).ToArray();
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAll(busy);
        }

        Assert.True(await Eventually.TrueAsync(() => grain.GetTicksCompleted().Result >= 2));
        Assert.Equal(0, await grain.GetViolations());
    }

    [Fact]
    public async Task DisposedTimer_StopsTicking()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>("dispose");
        await grain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), waitOnGate: false);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.TrueAsync(() => grain.GetTicksCompleted().Result == 1));
        await grain.StopTimer();
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Equal(1, await grain.GetTicksStarted());
    }
}
