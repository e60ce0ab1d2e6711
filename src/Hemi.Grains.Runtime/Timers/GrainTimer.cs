using Hemi.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Timers;

/// <summary>
/// A grain timer (Orleans: <c>GrainTimer</c>). Each tick is a local-only message to the activation, so it obeys the
/// same admission rules as requests (unless <see cref="GrainTimerCreationOptions.Interleave"/>), never overlaps
/// itself, and the next period starts when the callback completes. Driven by the silo's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Lock _lock = new();
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly bool _interleave;
    private readonly bool _keepAlive;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _tickInProgress;
    private bool _changedDuringTick;

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        ValidateSpan(options.DueTime, nameof(options.DueTime));
        ValidateSpan(options.Period, nameof(options.Period));
        _activation = activation;
        _callback = callback;
        _state = state;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = activation.Catalog.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool IsDisposed => _disposed.IsCancellationRequested;

    public void Start()
    {
        lock (_lock)
        {
            Arm(_dueTime);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidateSpan(dueTime, nameof(dueTime));
        ValidateSpan(period, nameof(period));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _dueTime = dueTime;
            _period = period;
            if (_tickInProgress)
            {
                _changedDuringTick = true;
                return;
            }

            Arm(dueTime);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (IsDisposed)
            {
                return;
            }

            _disposed.Cancel();
            _timer.Dispose();
        }

        if (_activation.Scheduler.IsCurrent)
        {
            _activation.RemoveTimer(this);
        }
        else
        {
            _activation.Scheduler.QueueAction(static s =>
            {
                var self = (GrainTimer)s!;
                self._activation.RemoveTimer(self);
            }, this);
        }
    }

    private static void ValidateSpan(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    private void Arm(TimeSpan due) => _timer.Change(due, Timeout.InfiniteTimeSpan);

    private void OnTimerFired()
    {
        lock (_lock)
        {
            if (IsDisposed || _tickInProgress)
            {
                return;
            }

            _tickInProgress = true;
        }

        var flags = MessageFlags.IsLocalOnly | MessageFlags.SystemMessage;
        if (_interleave)
        {
            flags |= MessageFlags.AlwaysInterleave;
        }

        if (!_keepAlive)
        {
            flags |= MessageFlags.SuppressKeepAlive;
        }

        _activation.ReceiveMessage(new TickMessage(this) { TargetGrain = _activation.GrainId, Flags = flags });
    }

    private async ValueTask RunTickAsync()
    {
        try
        {
            if (!IsDisposed)
            {
                await _callback(_state, _disposed.Token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !IsDisposed)
        {
            // As in Orleans: a failing tick is logged and the schedule continues.
            _activation.Catalog.Logger.LogError(exception, "Timer callback of {GrainId} failed", _activation.GrainId);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _tickInProgress = false;
                if (!IsDisposed)
                {
                    if (_changedDuringTick)
                    {
                        _changedDuringTick = false;
                        Arm(_dueTime);
                    }
                    else if (_period != Timeout.InfiniteTimeSpan)
                    {
                        Arm(_period);
                    }
                }
            }
        }
    }

    private sealed class TickMessage(GrainTimer timer) : Message, ITurnMessage
    {
        public override string InterfaceName => "GrainTimer";

        public override int MethodId => 0;

        public override string MethodName => "Tick";

        public override bool IsResponseCompleted => false;

        public override ValueTask InvokeAsync(object grain) => timer.RunTickAsync();

        public override bool TrySetException(Exception exception) => false;
    }
}
