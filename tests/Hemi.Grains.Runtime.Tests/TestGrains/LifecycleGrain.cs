using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> GetActivationId();

    Task DeactivateSelf();

    Task Delay(TimeSpan span);
}

public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private readonly EventRecorder _recorder;

    public LifecycleGrain(EventRecorder recorder)
    {
        _recorder = recorder;
        _recorder.Record("ctor");
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recorder.Record($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        _recorder.Record($"deactivate:{this.GetPrimaryKeyString()}:{reason.ReasonCode}");
    }

    public Task<string> GetActivationId()
    {
        _recorder.Record($"call:{this.GetPrimaryKeyString()}");
        return Task.FromResult(ActivationId.ToString());
    }

    public Task DeactivateSelf()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Delay(TimeSpan span)
    {
        DelayDeactivation(span);
        return Task.CompletedTask;
    }
}

public interface IKeepAliveGrain : IGrainWithStringKey
{
    Task<string> GetActivationId();
}

[KeepAlive]
public sealed class KeepAliveGrain : Grain, IKeepAliveGrain
{
    public Task<string> GetActivationId() => Task.FromResult(ActivationId.ToString());
}
