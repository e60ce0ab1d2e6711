using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Invocation;

public sealed class GeneratedProxyTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task GenericMethod_RoundTripsValuesOfDifferentTypes()
    {
        var grain = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("generic");
        Assert.Equal(5, await grain.Echo(5));
        Assert.Equal("text", await grain.Echo("text"));
        Assert.Equal(new DateTime(2020, 1, 2), await grain.Echo(new DateTime(2020, 1, 2)));
        Assert.Null(await grain.Echo<string?>(null));
        Assert.Equal(42L, await grain.Convert<int, long>(42));
    }

    [Fact]
    public async Task OverloadedMethods_DispatchToTheMatchingOverload()
    {
        var grain = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("overloads");
        Assert.Equal(11, await grain.Add(10));
        Assert.Equal(30, await grain.Add(10, 20));
    }

    [Fact]
    public async Task ValueTaskMethods_ReturnResultsAndComplete()
    {
        var grain = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("valuetask");
        Assert.Equal("ab", await grain.Concat("a", "b"));
        Assert.Equal("a<null>", await grain.Concat("a", null));
        await grain.Nothing();
        Assert.Equal([0, 1, 2], await grain.Range(3, CancellationToken.None));
    }

    [Fact]
    public async Task InheritedInterfaceMethod_IsCallable()
    {
        var grain = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("inherited");
        Assert.Equal("base:x", await grain.BaseMethod("x"));
    }

    [Fact]
    public async Task GrainReference_PassedAsArgument_IsCallableByTheCallee()
    {
        var a = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("a");
        var b = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("b");
        Assert.Equal("base:from a", await a.CallOther(b));
    }

    [Fact]
    public async Task OneWayCall_CompletesImmediatelyAndStillRuns()
    {
        var grain = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("oneway");
        await grain.Fire("hello");
        Assert.True(await Eventually.TrueAsync(() => grain.GetLastFired().Result == "hello"));
    }

    [Fact]
    public void References_AreEqualByGrainId()
    {
        var first = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("same");
        var second = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("same");
        var other = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("other");
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Equal("proxysmoke/same", first.GetGrainId().ToString());
        Assert.Equal("same", first.GetPrimaryKeyString());
    }

    [Fact]
    public async Task CompoundAndIntegerKeys_FollowOrleansKeyText()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var guidGrain = _silo.GrainFactory.GetGrain<IGuidCompoundGrain>(guid, "ext+1");
        Assert.Equal("0f8fad5bd9cb469fa16570867728950e|ext+1", await guidGrain.Describe());
        Assert.Equal("guidcompound/0f8fad5bd9cb469fa16570867728950e+ext+1", guidGrain.GetGrainId().ToString());

        var intGrain = _silo.GrainFactory.GetGrain<IIntegerCompoundGrain>(255, "x");
        Assert.Equal("255|x|intcompound", await intGrain.Describe());
        Assert.Equal("intcompound/FF+x", intGrain.GetGrainId().ToString());

        var ping = _silo.GrainFactory.GetGrain<IPingGrain>(-2);
        Assert.Equal(8, await ping.Ping(10));
    }

    [Fact]
    public async Task RequestContext_FlowsToCalleeAndThroughNestedCalls()
    {
        var a = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("ctx-a");
        var b = _silo.GrainFactory.GetGrain<IProxySmokeGrain>("ctx-b");
        RequestContext.Set("trace", "t-1");
        try
        {
            Assert.Equal("t-1", await a.GetRequestContext("trace"));
            Assert.Equal("t-1", await a.RelayRequestContext(b, "trace"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Null(await a.GetRequestContext("trace"));
    }

    [Fact]
    public void GetGrain_ForAmbiguousInterface_Throws()
    {
        Assert.Throws<ArgumentException>(() => _silo.GrainFactory.GetGrain<IProbeGrain>("x"));
        Assert.NotNull(_silo.GrainFactory.GetGrain<IProbeGrain>("x", "Hemi.Grains.Runtime.Tests.TestGrains.ReentrantProbe"));
    }
}
