using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Routing;

/// <summary>Grain calls between silos in one process over loopback TCP (routing, codec, transport together).</summary>
public sealed class CrossSiloCallTests
{
    /// <summary>A grain key whose activation, created by a call from <paramref name="caller"/>, lives on <paramref name="host"/>.</summary>
    private static async Task<IRemoteTestGrain> GrainOn(TestSilo caller, TestSilo host, string prefix)
    {
        string expected = LoopbackCluster.AddressOf(host).ToString();
        for (int i = 0; i < 200; i++)
        {
            var grain = caller.GrainFactory.GetGrain<IRemoteTestGrain>($"{prefix}-{i}");
            if (await grain.WhereAmI() == expected)
            {
                return grain;
            }
        }

        throw new InvalidOperationException("Placement never chose the wanted silo.");
    }

    [Fact]
    public async Task Call_CrossesSilos_WithArgumentsResultsAndExceptionsIntact()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-args", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = await GrainOn(a, b, "args");

        var payload = new Payload("p", [1, 2, 3], new Dictionary<string, long> { ["k"] = 7 }, Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        var echoed = await grain.EchoPayload(payload);
        Assert.Equal("p!", echoed.Name);
        Assert.Equal(payload.Values, echoed.Values);
        Assert.Equal(7, echoed.Extra!["k"]);

        var id = GrainId.Create("x", "y/z");
        var (sum, text) = await grain.Mixed(1, 2, null, [9, 9], id, LoopbackCluster.AddressOf(a), Guid.Empty);
        Assert.Equal(5, sum);
        Assert.Equal($"|{id}|{LoopbackCluster.AddressOf(a)}|{Guid.Empty:N}", text);
        Assert.Equal(7, await grain.Add(3, 4));

        var argument = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowArgument("bad input"));
        Assert.Equal("bad input", argument.Message);
        Assert.Contains(nameof(RemoteTestGrain.ThrowArgument), argument.StackTrace);
        Assert.Equal("custom", (await Assert.ThrowsAsync<CustomRemoteException>(() => grain.ThrowCustom("custom"))).Message);

        // Generic methods stay local-only.
        await Assert.ThrowsAsync<NotSupportedException>(() => grain.Generic(1));
        Assert.Empty(cluster.Fatal.Reasons);
    }

    [Fact]
    public async Task GrainReferences_TravelAsLiveProxies_InBothDirections()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-refs", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var onB = await GrainOn(a, b, "ref-b");
        var onA = await GrainOn(a, a, "ref-a");

        // onB (on silo B) calls onA (on silo A) through the reference it received.
        Assert.Equal(LoopbackCluster.AddressOf(a) + ":hi", await onB.CallOther(onA, "hi"));

        var self = await onB.Self();
        Assert.Equal(((GrainReference)onB).GrainId, ((GrainReference)self).GrainId);
        Assert.Equal(LoopbackCluster.AddressOf(b).ToString(), await self.WhereAmI());
    }

    [Fact]
    public async Task RequestContext_FlowsIntoTheCallee_AcrossHops_AndNotBack()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-context", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var onB = await GrainOn(a, b, "ctx-b");
        var onA = await GrainOn(a, a, "ctx-a");

        RequestContext.Set("trace", "abc");
        try
        {
            Assert.Equal("abc", await onB.GetRequestContext("trace"));
            Assert.Equal("abc", await onB.RelayRequestContext(onA, "trace"));
            await onB.SetRequestContextInCallee("trace", "changed");
            Assert.Equal("abc", RequestContext.Get("trace"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Null(await onB.GetRequestContext("trace"));
    }

    [Fact]
    public async Task OneWayCall_IsDeliveredRemotely()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-oneway", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = await GrainOn(a, b, "oneway");

        await grain.Fire("fired");

        Assert.True(await Eventually.TrueAsync(() => grain.GetLastFired().GetAwaiter().GetResult() == "fired"));
    }

    [Fact]
    public async Task CallsFromEverySilo_ReachTheOneActivation()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-single", 3);
        var grains = cluster.Silos.Select(s => s.GrainFactory.GetGrain<IRemoteTestGrain>("shared")).ToArray();

        var results = new List<int>();
        for (int round = 0; round < 5; round++)
        {
            foreach (var grain in grains)
            {
                results.Add(await grain.Increment());
            }
        }

        Assert.Equal(Enumerable.Range(1, 15), results);
        Assert.Single(cluster.Directory.Entries, e => e.GrainId.Key == "shared");
    }

    [Fact]
    public async Task DuplicateActivationRace_ResolvesToOne_AndTheLoserForwardsItsQueuedCalls()
    {
        var raced = GrainId.Create("localfirst", "race");
        RacingDirectoryStore? store = null;
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-race", 2, inner => store = new RacingDirectoryStore(inner, raced));
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);

        // Both silos miss in the directory, place the grain locally (prefer-local) and activate it at once.
        var fromA = a.GrainFactory.GetGrain<ILocalFirstGrain>("race").Increment();
        var fromB = b.GrainFactory.GetGrain<ILocalFirstGrain>("race").Increment();
        var results = await Task.WhenAll(fromA, fromB).WaitAsync(TimeSpan.FromSeconds(20));

        // Both calls ran on the single winning activation: the loser forwarded its queued call there.
        Assert.Equal([1, 2], results.Order());
        Assert.Equal(2, store!.RacedRegistrations);
        var entry = Assert.Single(cluster.Directory.Entries, e => e.GrainId == raced);
        Assert.Equal(entry.Address.SiloAddress.ToString(), await a.GrainFactory.GetGrain<ILocalFirstGrain>("race").WhereAmI());
        Assert.Equal(entry.Address.SiloAddress.ToString(), await b.GrainFactory.GetGrain<ILocalFirstGrain>("race").WhereAmI());
        Assert.Equal(3, await b.GrainFactory.GetGrain<ILocalFirstGrain>("race").Increment());
    }

    [Fact]
    public async Task BurstOfFirstCalls_FromEverySilo_RunsOnOneActivation()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-burst", 3);

        var calls = cluster.Silos.SelectMany(s => Enumerable.Range(0, 20).Select(_ => s.GrainFactory.GetGrain<IRemoteTestGrain>("burst").Increment()));
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Enumerable.Range(1, 60), results.Order());
        Assert.Single(cluster.Directory.Entries, e => e.GrainId.Key == "burst");
    }

    [Fact]
    public async Task Placement_ChoosesOnlyActiveSilos()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-placement", 3);
        var (a, c) = (cluster.Silos[0], cluster.Silos[2]);

        var before = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            before.Add(await a.GrainFactory.GetGrain<IRemoteTestGrain>("before-" + i).WhereAmI());
        }

        Assert.Equal(3, before.Count); // random placement used every active silo

        var stoppedAddress = LoopbackCluster.AddressOf(c);
        var stopped = stoppedAddress.ToString();
        await c.DisposeAsync();
        await a.Services.GetRequiredService<IClusterMembershipService>().Refresh();
        for (int i = 0; i < 40; i++)
        {
            Assert.NotEqual(stopped, await a.GrainFactory.GetGrain<IRemoteTestGrain>("after-" + i).WhereAmI());
        }

        Assert.Equal(SiloStatus.Dead, a.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(stoppedAddress));
    }

    [Fact]
    public async Task CrashedSilosGrains_ReactivateOnASurvivor()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-failover", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = await GrainOn(a, b, "failover");
        Assert.Equal(1, await grain.Increment());

        await cluster.CrashAsync(b, a);

        // The directory entry names a dead silo: it is dropped and the grain is placed on the survivor.
        Assert.Equal(LoopbackCluster.AddressOf(a).ToString(), await grain.WhereAmI());
        Assert.Equal(1, await grain.Increment()); // a new activation (this grain keeps no state)
        var entry = Assert.Single(cluster.Directory.Entries, e => e.GrainId == ((GrainReference)grain).GrainId);
        Assert.Equal(LoopbackCluster.AddressOf(a), entry.Address.SiloAddress);
    }

    [Fact]
    public async Task GracefullyStoppedSilosGrains_ReactivateOnASurvivor()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-graceful", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = await GrainOn(a, b, "graceful");
        Assert.Equal(1, await grain.Increment());

        await b.DisposeAsync();

        Assert.Equal(LoopbackCluster.AddressOf(a).ToString(), await grain.WhereAmI());
        Assert.Single(cluster.Directory.Entries, e => e.GrainId == ((GrainReference)grain).GrainId);
    }

    [Fact]
    public async Task CallsStreamingWhileTheirSiloStopsGracefully_AllSucceed()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-drain", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grains = new List<IRemoteTestGrain>();
        for (int i = 0; i < 4; i++)
        {
            grains.Add(await GrainOn(a, b, $"drain-{i}"));
        }

        // Each call either runs where the grain is, or is refused unrun and addressed again: none fails.
        using var enough = new CancellationTokenSource();
        var streams = RemoteTestGrainStreams.AddUntil(grains, enough.Token);
        await Task.Delay(200);
        await b.DisposeAsync();
        var afterStop = grains.Select(g => g.WhereAmI()).ToArray();
        enough.Cancel();

        Assert.All(await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30)), calls => Assert.True(calls > 0));
        Assert.All(await Task.WhenAll(afterStop), where => Assert.Equal(LoopbackCluster.AddressOf(a).ToString(), where));
    }

    [Fact]
    public async Task PendingCalls_ToASiloThatDies_FailFast()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-failfast", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = await GrainOn(a, b, "failfast");

        var pending = grain.SlowIncrement(6_000);
        var started = RemoteTestGrain.SlowIncrementStarted(((GrainReference)grain).GrainId.Key);
        Assert.True(await Eventually.TrueAsync(() => b.Recorder.Events.Contains(started)), "the slow call runs on B");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cluster.CrashAsync(b, a);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CallsToASiloDeclaredDead_FailImmediately()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-dead", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var bAddress = LoopbackCluster.AddressOf(b);
        await cluster.CrashAsync(b, a);

        var connections = a.Services.GetRequiredService<Hemi.Grains.Runtime.Networking.SiloConnectionManager>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<SiloUnavailableException>(() => connections.SendRequest(bAddress, new byte[] { 1 }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task MalformedInboundCall_GetsTypedRejection()
    {
        await using var cluster = await LoopbackCluster.StartAsync("xsilo-garbage", 2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var connections = a.Services.GetRequiredService<Hemi.Grains.Runtime.Networking.SiloConnectionManager>();
        var codec = a.Services.GetRequiredService<GrainCallCodec>();

        var answer = await connections.SendRequest(LoopbackCluster.AddressOf(b), new byte[] { GrainCallCodec.Version, 0xFF, 0xFF });

        Assert.False(codec.TryDecodeVoidResult(answer.Span, out var error));
        Assert.Equal(GrainCallRejection.Unrecoverable, Assert.IsType<GrainCallRejectedException>(error).Rejection);
    }
}
