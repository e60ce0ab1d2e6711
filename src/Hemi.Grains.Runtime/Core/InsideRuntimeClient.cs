using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Scheduler;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Core;

/// <summary>
/// The sending side of the call path in a silo (Orleans: <c>InsideRuntimeClient</c>): stamps headers (target,
/// request context, expiry), registers the response callback for timeouts and hands the message to the catalog,
/// which delivers it locally or routes it to another silo.
/// </summary>
internal sealed class InsideRuntimeClient : RuntimeClient
{
    public InsideRuntimeClient(TimeProvider timeProvider, IOptions<SiloMessagingOptions> options, ILocalSiloDetails silo)
        : base(timeProvider, options.Value.ResponseTimeout)
    {
        LocalSilo = silo.SiloAddress;
    }

    public SiloAddress LocalSilo { get; }

    // Set by the Catalog constructor: the two reference each other.
    public Catalog Catalog { get; set; } = null!;

    public override void SendRequest(Message message)
    {
        message.RequestContextData = RequestContext.Export();
        message.SendingSilo = LocalSilo;
        if (SynchronizationContext.Current is ActivationSynchronizationContext { Scheduler.Owner: ActivationData sender })
        {
            message.SendingGrain = sender.GrainId;
        }

        RegisterOutbound(message);

        Catalog.Dispatch(message);
    }
}
