using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime.Core;

/// <summary>
/// The sending side shared by silos and external clients: response-timeout bookkeeping on a coarse clock and the
/// factory that creates proxies. Subclasses decide where a message goes (the catalog, or a gateway connection).
/// </summary>
internal abstract class RuntimeClient
{
    private readonly TimeProvider _timeProvider;
    private readonly long _timeoutTicks;
    private readonly TimeSpan _clockPeriod;
    private ITimer? _sweepTimer;
    private long _coarseNow;

    protected RuntimeClient(TimeProvider timeProvider, TimeSpan responseTimeout)
    {
        _timeProvider = timeProvider;
        ResponseTimeout = responseTimeout;
        _timeoutTicks = responseTimeout == Timeout.InfiniteTimeSpan ? 0 : (long)(responseTimeout.TotalSeconds * timeProvider.TimestampFrequency);

        // The coarse clock ticks (and pending calls are swept) often enough that a timeout is reported within ~10 % of
        // ResponseTimeout, at most every 10 ms and at least every second.
        long periodTicks = responseTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.TicksPerSecond : responseTimeout.Ticks / 10;
        _clockPeriod = TimeSpan.FromTicks(Math.Clamp(periodTicks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.TicksPerSecond));
        _coarseNow = timeProvider.GetTimestamp();
    }

    /// <summary>
    /// The <see cref="TimeProvider"/> timestamp as of the last clock tick (at most one tick period old). The call path
    /// reads this instead of the clock: a precise clock read costs hundreds of nanoseconds in some VMs.
    /// </summary>
    public long CoarseNow => Volatile.Read(ref _coarseNow);

    public TimeSpan ResponseTimeout { get; }

    /// <summary>Response timeout in <see cref="TimeProvider"/> ticks; 0 when infinite.</summary>
    protected long TimeoutTicks => _timeoutTicks;

    public TimeProvider TimeProvider => _timeProvider;

    public CallbackRegistry Callbacks { get; } = new();

    // Set by the GrainFactory constructor: the two reference each other.
    public GrainFactory GrainFactory { get; set; } = null!;

    public void SendRequest(GrainReference target, Message message)
    {
        message.TargetGrain = target.GrainId;
        SendRequest(message);
    }

    public abstract void SendRequest(Message message);

    /// <summary>
    /// What every sender does before a message leaves: a one-way call completes its caller at once; any other call gets
    /// its expiry and is registered for the response timeout.
    /// </summary>
    protected void RegisterOutbound(Message message)
    {
        if (message.IsOneWay)
        {
            message.Direction = MessageDirection.OneWay;
            ((VoidRequest)message).TrySetResult();
        }
        else if (TimeoutTicks != 0)
        {
            message.ExpiryTimestamp = CoarseNow + TimeoutTicks;
            Callbacks.Register(message);
        }
    }

    /// <summary>Registers a message received from elsewhere for its remaining time-to-live, so it is dropped once expired.</summary>
    public void RegisterInbound(Message message)
    {
        if (message.ExpiryTimestamp != 0 && !message.IsOneWay)
        {
            Callbacks.Register(message);
        }
    }

    public void Start()
        => _sweepTimer ??= _timeProvider.CreateTimer(static s => ((RuntimeClient)s!).OnClockTick(), this, _clockPeriod, _clockPeriod);

    public void Stop()
    {
        _sweepTimer?.Dispose();
        _sweepTimer = null;
    }

    private void OnClockTick()
    {
        long now = _timeProvider.GetTimestamp();
        Volatile.Write(ref _coarseNow, now);
        if (_timeoutTicks != 0)
        {
            Callbacks.Sweep(now, ResponseTimeout);
        }
    }
}
