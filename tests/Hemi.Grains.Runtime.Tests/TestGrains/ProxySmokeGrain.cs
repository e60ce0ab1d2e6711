namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface IBaseSmokeGrain : IGrainWithStringKey
{
    Task<string> BaseMethod(string value);
}

public interface IProxySmokeGrain : IBaseSmokeGrain
{
    Task<T> Echo<T>(T value);

    Task<TResult> Convert<TValue, TResult>(TValue value)
        where TValue : IConvertible;

    Task<int> Add(int a);

    Task<int> Add(int a, int b);

    ValueTask<string> Concat(string first, string? second);

    ValueTask Nothing();

    ValueTask<IReadOnlyList<int>> Range(int count, CancellationToken cancellationToken);

    Task<string> CallOther(IProxySmokeGrain other);

    [OneWay]
    Task Fire(string value);

    Task<string?> GetLastFired();

    Task<object?> GetRequestContext(string key);

    Task<object?> RelayRequestContext(IProxySmokeGrain other, string key);
}

public sealed class ProxySmokeGrain : Grain, IProxySmokeGrain
{
    private string? _lastFired;

    public Task<string> BaseMethod(string value) => Task.FromResult("base:" + value);

    public Task<T> Echo<T>(T value) => Task.FromResult(value);

    public Task<TResult> Convert<TValue, TResult>(TValue value)
        where TValue : IConvertible
        => Task.FromResult((TResult)value.ToType(typeof(TResult), System.Globalization.CultureInfo.InvariantCulture));

    public Task<int> Add(int a) => Task.FromResult(a + 1);

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public async ValueTask<string> Concat(string first, string? second)
    {
        await Task.Yield();
        return first + (second ?? "<null>");
    }

    public ValueTask Nothing() => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<int>> Range(int count, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<int>>(Enumerable.Range(0, count).ToArray());

    public async Task<string> CallOther(IProxySmokeGrain other) => await other.BaseMethod("from " + this.GetPrimaryKeyString());

    public Task Fire(string value)
    {
        _lastFired = value;
        return Task.CompletedTask;
    }

    public Task<string?> GetLastFired() => Task.FromResult(_lastFired);

    public Task<object?> GetRequestContext(string key) => Task.FromResult(RequestContext.Get(key));

    public async Task<object?> RelayRequestContext(IProxySmokeGrain other, string key) => await other.GetRequestContext(key);
}

public interface IGuidCompoundGrain : IGrainWithGuidCompoundKey
{
    Task<string> Describe();
}

public sealed class GuidCompoundGrain : Grain, IGuidCompoundGrain
{
    public Task<string> Describe()
    {
        var key = this.GetPrimaryKey(out var extension);
        return Task.FromResult($"{key:N}|{extension}");
    }
}

public interface IIntegerCompoundGrain : IGrainWithIntegerCompoundKey
{
    Task<string> Describe();
}

[GrainType("intcompound")]
public sealed class IntegerCompoundGrain : Grain, IIntegerCompoundGrain
{
    public Task<string> Describe()
    {
        long key = this.GetPrimaryKeyLong(out var extension);
        return Task.FromResult($"{key}|{extension}|{GrainId.Type}");
    }
}
