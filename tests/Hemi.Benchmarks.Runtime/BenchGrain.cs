using Hemi.Grains.Runtime;

namespace Hemi.Benchmarks.Runtime;

/// <summary>The benchmarked grain interface: trivial methods returning a value.</summary>
public interface IBenchGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);

    ValueTask<int> EchoValue(int value);
}

/// <summary>Trivial grain; also called directly (no runtime) as the baseline.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    private int _calls;

    public Task<int> Echo(int value)
    {
        _calls++;
        return Task.FromResult(value + 1);
    }

    public ValueTask<int> EchoValue(int value)
    {
        _calls++;
        return new ValueTask<int>(value + 1);
    }
}
