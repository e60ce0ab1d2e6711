using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<string> GetActivationId();

    Task<int> ValueSeenInOnActivate();
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter, EventRecorder recorder) : Grain, ICounterGrain
{
    private int _seenOnActivate = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _seenOnActivate = counter.State.Value;
        recorder.Record($"counter-activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);

    public Task<string> GetActivationId() => Task.FromResult(ActivationId.ToString());

    public Task<int> ValueSeenInOnActivate() => Task.FromResult(_seenOnActivate);
}

public interface ILegacyStateGrain : IGrainWithIntegerKey
{
    Task<int> Add(int amount);
}

[StorageProvider(ProviderName = "Default")]
public sealed class LegacyStateGrain : Grain<CounterState>, ILegacyStateGrain
{
    public async Task<int> Add(int amount)
    {
        State.Value += amount;
        await WriteStateAsync();
        return State.Value;
    }
}
