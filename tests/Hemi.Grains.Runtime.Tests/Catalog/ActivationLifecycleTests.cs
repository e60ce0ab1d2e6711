using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Catalog;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task Hooks_RunInOrder_AndDeactivateOnIdleGivesANewActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("hooks");
        string first = await grain.GetActivationId();
        await grain.DeactivateSelf();
        Assert.True(await Eventually.TrueAsync(() => silo.Recorder.Count("deactivate:hooks") == 1));
        string second = await grain.GetActivationId();

        Assert.NotEqual(first, second);
        Assert.Equal(
            ["ctor", "activate:hooks", "call:hooks", "deactivate:hooks:ApplicationRequested", "ctor", "activate:hooks", "call:hooks"],
            silo.Recorder.Events);
    }

    [Fact]
    public async Task MessagesQueuedBehindADeactivation_AreForwardedToANewActivation()
    {
        await using var silo = await TestSilo.StartAsync();

        // DeactivateOnIdle runs after the current request; calls queued meanwhile must reach the next activation
        // instead of being lost.
        var deactivate = silo.GrainFactory.GetGrain<ILifecycleGrain>("forward-l");
        await deactivate.GetActivationId();
        var calls = new List<Task>();
        await deactivate.DeactivateSelf();
        for (int i = 0; i < 20; i++)
        {
            calls.Add(deactivate.GetActivationId());
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, silo.Recorder.Count("deactivate:forward-l"));
        Assert.Equal(21, silo.Recorder.Count("call:forward-l"));
    }

    [Fact]
    public async Task HostStop_DeactivatesEveryActivation()
    {
        var silo = await TestSilo.StartAsync();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("s1").GetActivationId();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>("s2").GetActivationId();
        await silo.StopAsync();

        Assert.Contains("deactivate:s1:ShuttingDown", silo.Recorder.Events);
        Assert.Contains("deactivate:s2:ShuttingDown", silo.Recorder.Events);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.GrainFactory.GetGrain<ILifecycleGrain>("s3").GetActivationId());
        silo.Host.Dispose();
    }

    [Fact]
    public async Task IdleActivations_AreCollectedAfterCollectionAge_ButKeepAliveOnesAreNot()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(
            s => s.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(2);
                o.CollectionQuantum = TimeSpan.FromMinutes(1);
            }),
            services => services.AddSingleton<TimeProvider>(time));

        var idle = silo.GrainFactory.GetGrain<ILifecycleGrain>("idle");
        var delayed = silo.GrainFactory.GetGrain<ILifecycleGrain>("delayed");
        var keep = silo.GrainFactory.GetGrain<IKeepAliveGrain>("keep");
        string idleId = await idle.GetActivationId();
        await delayed.Delay(TimeSpan.FromMinutes(10));
        string keepId = await keep.GetActivationId();

        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(100);
        Assert.Equal(0, silo.Recorder.Count("deactivate:"));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await Eventually.TrueAsync(() => silo.Recorder.Count("deactivate:idle:ActivationIdle") == 1));
        Assert.Equal(0, silo.Recorder.Count("deactivate:delayed"));
        Assert.NotEqual(idleId, await idle.GetActivationId());

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await Eventually.TrueAsync(() => silo.Recorder.Count("deactivate:delayed:ActivationIdle") == 1));

        time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(100);
        Assert.Equal(keepId, await keep.GetActivationId());
    }

    [Fact]
    public async Task StatelessWorker_RunsCallsInParallelOnSeveralActivations()
    {
        await using var silo = await TestSilo.StartAsync();
        var worker = silo.GrainFactory.GetGrain<IWorkerGrain>(1);
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => worker.Work(200)));
        int distinct = ids.Distinct().Count();
        Assert.InRange(distinct, 2, 4);
    }

    [Fact]
    public async Task UnknownGrainId_FailsTheCall()
    {
        await using var silo = await TestSilo.StartAsync();
        var reference = silo.GrainFactory.GetGrain<IPingGrain>(GrainId.Create("nosuchtype", "1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reference.Ping(1));
    }
}
