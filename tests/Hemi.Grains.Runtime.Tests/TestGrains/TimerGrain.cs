using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan dueTime, TimeSpan period, bool waitOnGate);

    Task Busy();

    [AlwaysInterleave]
    Task<int> GetTicksStarted();

    [AlwaysInterleave]
    Task<int> GetTicksCompleted();

    [AlwaysInterleave]
    Task<int> GetViolations();

    Task StopTimer();
}

public sealed class TimerGrain(Gate gate) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private bool _waitOnGate;
    private int _inTick;
    private int _inRequest;
    private int _started;
    private int _completed;
    private int _violations;

    public Task StartTimer(TimeSpan dueTime, TimeSpan period, bool waitOnGate)
    {
        _waitOnGate = waitOnGate;
        _timer = RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(dueTime, period));
        return Task.CompletedTask;
    }

    public async Task Busy()
    {
        _inRequest++;
        if (_inTick > 0)
        {
            _violations++;
        }

        await Task.Delay(2);
        if (_inTick > 0)
        {
            _violations++;
        }

        _inRequest--;
    }

    public Task<int> GetTicksStarted() => Task.FromResult(_started);

    public Task<int> GetTicksCompleted() => Task.FromResult(_completed);

    public Task<int> GetViolations() => Task.FromResult(_violations);

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    private async Task OnTick(CancellationToken cancellationToken)
    {
        _started++;
        _inTick++;
        if (_inTick > 1 || _inRequest > 0)
        {
            _violations++;
        }

        if (_waitOnGate)
        {
            await gate.WaitAsync();
        }
        else
        {
            await Task.Delay(2, CancellationToken.None);
        }

        if (_inRequest > 0)
        {
            _violations++;
        }

        _inTick--;
        _completed++;
    }
}
