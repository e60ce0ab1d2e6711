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
    private ITimer? _sweepTimer;

    public InsideRuntimeClient(TimeProvider timeProvider, IOptions<SiloMessagingOptions> options, ILocalSiloDetails silo)
    {
        _timeProvider = timeProvider;
        ResponseTimeout = options.Value.ResponseTimeout;
        _timeoutTicks = ResponseTimeout == Timeout.InfiniteTimeSpan ? 0 : (long)(ResponseTimeout.TotalSeconds * timeProvider.TimestampFrequency);
        LocalSilo = silo.SiloAddress;
    }

    public TimeSpan ResponseTimeout { get; }

    public SiloAddress LocalSilo { get; }

    public CallbackRegistry Callbacks { get; } = new();

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
            message.ExpiryTimestamp = _timeProvider.GetTimestamp() + _timeoutTicks;
            Callbacks.Register(message);
        }

        Catalog.Dispatch(message);
    }

    public void Start()
    {
        if (_timeoutTicks == 0)
        {
            return;
        }

        // Sweep often enough that a timeout is reported within ~10 % of ResponseTimeout, but at most once per 10 ms.
        var period = TimeSpan.FromTicks(Math.Clamp(ResponseTimeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweepTimer = _timeProvider.CreateTimer(static s => ((InsideRuntimeClient)s!).Sweep(), this, period, period);
    }

    public void Stop()
    {
        _sweepTimer?.Dispose();
        _sweepTimer = null;
    }

    private void Sweep() => Callbacks.Sweep(_timeProvider.GetTimestamp(), ResponseTimeout);
}
