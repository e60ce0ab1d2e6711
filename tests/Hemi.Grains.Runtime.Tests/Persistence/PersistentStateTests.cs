using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Persistence;

public sealed class PersistentStateTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(s => s.AddMemoryGrainStorage());

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task State_IsReadBeforeOnActivate()
    {
        var id = GrainId.Create("counter", "preloaded");
        await Storage.WriteStateAsync("counter", id, new GrainState<CounterState>(new CounterState { Value = 7 }));
        var grain = _silo.GrainFactory.GetGrain<ICounterGrain>("preloaded");
        Assert.Equal(7, await grain.ValueSeenInOnActivate());
        Assert.Equal(8, await grain.Increment());
    }

    [Fact]
    public async Task Writes_ArePersistedAndSurviveDeactivation()
    {
        var grain = _silo.GrainFactory.GetGrain<ICounterGrain>("durable");
        await grain.Increment();
        await grain.Increment();
        var stored = new GrainState<CounterState>();
        await Storage.ReadStateAsync("counter", GrainId.Create("counter", "durable"), stored);
        Assert.Equal(2, stored.State.Value);
        Assert.True(stored.RecordExists);
    }

    [Fact]
    public async Task InconsistentStateException_EscapingACall_DeactivatesTheActivation()
    {
        var grain = _silo.GrainFactory.GetGrain<ICounterGrain>("conflict");
        Assert.Equal(1, await grain.Increment());
        string firstActivation = await grain.GetActivationId();

        // Someone else (e.g. a duplicate activation) writes behind this activation's back.
        var id = GrainId.Create("counter", "conflict");
        var other = new GrainState<CounterState>();
        await Storage.ReadStateAsync("counter", id, other);
        other.State.Value = 100;
        await Storage.WriteStateAsync("counter", id, other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());

        Assert.True(await Eventually.TrueAsync(() => grain.GetActivationId().Result != firstActivation));
        Assert.Equal(100, await grain.Get());
        Assert.Equal(101, await grain.Increment());
    }

    [Fact]
    public async Task LegacyGrainOfTState_ReadsAndWritesStateNamedState()
    {
        var grain = _silo.GrainFactory.GetGrain<ILegacyStateGrain>(5);
        Assert.Equal(3, await grain.Add(3));
        Assert.Equal(7, await grain.Add(4));
        var stored = new GrainState<CounterState>();
        await Storage.ReadStateAsync("state", GrainId.Create("legacystate", "5"), stored);
        Assert.Equal(7, stored.State.Value);
    }
}
