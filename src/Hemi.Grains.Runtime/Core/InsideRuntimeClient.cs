using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Scheduler;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Core;

/// <summary>
/// The sending side of the call path (Orleans: <c>InsideRuntimeClient</c>): stamps headers (target, request context,
/// expiry), registers the response callback for timeouts and hands the message to the catalog. A transport will add
/// "address the message to a remote silo" here.
/// </summary>
internal sealed class InsideRuntimeClient
{
    private readonly TimeProvider _timeProvider;
    private readonly long _timeoutTicks;
    private readonly TimeSpan _clockPeriod;
    private ITimer? _sweepTimer;
    private long _coarseNow;

    public InsideRuntimeClient(TimeProvider timeProvider, IOptions<SiloMessagingOptions> options, ILocalSiloDetails silo)
    {
        _timeProvider = timeProvider;
        ResponseTimeout = options.Value.ResponseTimeout;
        _timeoutTicks = ResponseTimeout == Timeout.InfiniteTimeSpan ? 0 : (long)(ResponseTimeout.TotalSeconds * timeProvider.TimestampFrequency);
        LocalSilo = silo.SiloAddress;

        // The coarse clock ticks (and pending calls are swept) often enough that a timeout is reported within ~10 % of
        // ResponseTimeout, at most every 10 ms and at least every second.
        long periodTicks = ResponseTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.TicksPerSecond : ResponseTimeout.Ticks / 10;
        _clockPeriod = TimeSpan.FromTicks(Math.Clamp(periodTicks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.TicksPerSecond));
        _coarseNow = timeProvider.GetTimestamp();
    }

    /// <summary>
    /// The silo's <see cref="TimeProvider"/> timestamp as of the last clock tick (at most one tick period old). The
    /// call path reads this instead of the clock: a precise clock read costs hundreds of nanoseconds in some VMs.
    /// </summary>
    public long CoarseNow => Volatile.Read(ref _coarseNow);

    public TimeSpan ResponseTimeout { get; }

    public SiloAddress LocalSilo { get; }

    public CallbackRegistry Callbacks { get; } = new();

    // Set by the Catalog and GrainFactory constructors: the three reference each other.
    public Catalog Catalog { get; set; } = null!;

    public GrainFactory GrainFactory { get; set; } = null!;

    public void SendRequest(GrainReference target, Message message)
    {
        message.TargetGrain = target.GrainId;
        SendRequest(message);
    }

    public void SendRequest(Message message)
    {
        message.RequestContextData = RequestContext.Export();
        message.SendingSilo = LocalSilo;
        if (SynchronizationContext.Current is ActivationSynchronizationContext { Scheduler.Owner: ActivationData sender })
        {
            message.SendingGrain = sender.GrainId;
        }

        if (message.IsOneWay)
        {
            message.Direction = MessageDirection.OneWay;
            ((VoidRequest)message).TrySetResult();
        }
        else if (_timeoutTicks != 0)
        {
            message.ExpiryTimestamp = CoarseNow + _timeoutTicks;
            Callbacks.Register(message);
        }

        Catalog.Dispatch(message);
    }

    public void Start()
        => _sweepTimer = _timeProvider.CreateTimer(static s => ((InsideRuntimeClient)s!).OnClockTick(), this, _clockPeriod, _clockPeriod);

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
