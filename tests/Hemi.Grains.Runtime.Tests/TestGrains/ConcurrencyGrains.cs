using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface IProbeGrain : IGrainWithStringKey
{
    Task Work();

    [ReadOnly]
    Task Read();

    Task Write();

    Task Hold();

    [AlwaysInterleave]
    Task Release();

    [AlwaysInterleave]
    Task<int> GetMaxConcurrency();

    [AlwaysInterleave]
    Task<int> GetMaxReaders();

    [AlwaysInterleave]
    Task<int> GetViolations();
}

/// <summary>Counts how many requests are inside the grain at once, across awaits.</summary>
public abstract class ConcurrencyProbeBase(Gate gate) : Grain, IProbeGrain
{
    private int _current;
    private int _max;
    private int _readers;
    private int _writers;
    private int _maxReaders;
    private int _violations;
    private int _threadsInside;

    public async Task Work()
    {
        Enter();
        try
        {
            await Task.Delay(1);
            await Task.Yield();
        }
        finally
        {
            Exit();
        }
    }

    public async Task Read()
    {
        _readers++;
        _maxReaders = Math.Max(_maxReaders, _readers);
        if (_writers > 0)
        {
            _violations++;
        }

        await Task.Delay(5);
        if (_writers > 0)
        {
            _violations++;
        }

        _readers--;
    }

    public async Task Write()
    {
        _writers++;
        if (_readers > 0 || _writers > 1)
        {
            _violations++;
        }

        await Task.Delay(5);
        if (_readers > 0 || _writers > 1)
        {
            _violations++;
        }

        _writers--;
    }

    public Task Hold() => gate.WaitAsync();

    public Task Release()
    {
        gate.Release();
        return Task.CompletedTask;
    }

    public Task<int> GetMaxConcurrency() => Task.FromResult(_max);

    public Task<int> GetMaxReaders() => Task.FromResult(_maxReaders);

    public Task<int> GetViolations() => Task.FromResult(_violations);

    private void Enter()
    {
        // Two threads inside a turn at once would be a scheduler bug, independent of reentrancy.
        if (Interlocked.Increment(ref _threadsInside) != 1)
        {
            _violations++;
        }

        _current++;
        _max = Math.Max(_max, _current);
        Interlocked.Decrement(ref _threadsInside);
    }

    private void Exit()
    {
        if (Interlocked.Increment(ref _threadsInside) != 1)
        {
            _violations++;
        }

        _current--;
        Interlocked.Decrement(ref _threadsInside);
    }
}

public interface IConcurrencyProbeGrain : IProbeGrain
{
}

public sealed class ConcurrencyProbeGrain(Gate gate) : ConcurrencyProbeBase(gate), IConcurrencyProbeGrain
{
}

public interface IReentrantProbeGrain : IProbeGrain
{
}

[Reentrant]
public sealed class ReentrantProbeGrain(Gate gate) : ConcurrencyProbeBase(gate), IReentrantProbeGrain
{
}
