using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public sealed record Payload(string Name, int[] Values, Dictionary<string, long>? Extra, Guid Id, DateTimeOffset At);

/// <summary>A grain type whose exceptions are not loadable on the caller (only by name).</summary>
public sealed class CustomRemoteException(string message) : Exception(message);

public interface IRemoteTestGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<Payload> EchoPayload(Payload payload);

    Task<(int, string?)> Mixed(int a, long b, string? c, byte[] d, GrainId e, SiloAddress? f, Guid g);

    Task<string> CallOther(IRemoteTestGrain other, string value);

    Task<IRemoteTestGrain> Self();

    Task<int> Add(int a, int b);

    Task ThrowArgument(string message);

    Task ThrowCustom(string message);

    Task<object?> GetRequestContext(string key);

    Task<object?> RelayRequestContext(IRemoteTestGrain other, string key);

    Task SetRequestContextInCallee(string key, string value);

    Task<int> Increment();

    Task<int> Get();

    Task<int> SlowIncrement(int milliseconds);

    [OneWay]
    Task Fire(string value);

    Task<string?> GetLastFired();

    Task<T> Generic<T>(T value);
}

public sealed class RemoteTestGrain : Grain, IRemoteTestGrain
{
    /// <summary>The event a silo's <see cref="EventRecorder"/> gets when <see cref="SlowIncrement"/> starts running on it.</summary>
    public static string SlowIncrementStarted(string key) => "slow-increment-started:" + key;

    private int _counter;
    private string? _lastFired;

    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString());

    public Task<Payload> EchoPayload(Payload payload) => Task.FromResult(payload with { Name = payload.Name + "!" });

    public Task<(int, string?)> Mixed(int a, long b, string? c, byte[] d, GrainId e, SiloAddress? f, Guid g)
        => Task.FromResult<(int, string?)>((a + (int)b + d.Length, $"{c}|{e}|{f}|{g:N}"));

    public async Task<string> CallOther(IRemoteTestGrain other, string value) => await other.WhereAmI() + ":" + value;

    public Task<IRemoteTestGrain> Self() => Task.FromResult(GrainFactory.GetGrain<IRemoteTestGrain>(this.GetPrimaryKeyString()));

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task ThrowArgument(string message) => throw new ArgumentException(message);

    public Task ThrowCustom(string message) => throw new CustomRemoteException(message);

    public Task<object?> GetRequestContext(string key) => Task.FromResult(RequestContext.Get(key));

    public async Task<object?> RelayRequestContext(IRemoteTestGrain other, string key) => await other.GetRequestContext(key);

    public Task SetRequestContextInCallee(string key, string value)
    {
        RequestContext.Set(key, value);
        return Task.CompletedTask;
    }

    public Task<int> Increment() => Task.FromResult(++_counter);

    public Task<int> Get() => Task.FromResult(_counter);

    public async Task<int> SlowIncrement(int milliseconds)
    {
        // Tests that crash a silo under a pending call wait for this, not for a guessed delay: a call that had not
        // reached the silo yet would be routed to a survivor and succeed.
        ServiceProvider.GetService<EventRecorder>()?.Record(SlowIncrementStarted(this.GetPrimaryKeyString()));
        await Task.Delay(milliseconds);
        return ++_counter;
    }

    public Task Fire(string value)
    {
        _lastFired = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetLastFired() => Task.FromResult(_lastFired);

    public Task<T> Generic<T>(T value) => Task.FromResult(value);
}

public interface ILocalFirstGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<string> WhereAmI();
}

/// <summary>Placed on the calling silo, so two silos calling a new grain at once both try to activate it.</summary>
[Hemi.Grains.Runtime.Placement.PreferLocalPlacement]
public sealed class LocalFirstGrain : Grain, ILocalFirstGrain
{
    private int _counter;

    public Task<int> Increment() => Task.FromResult(++_counter);

    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString());
}
