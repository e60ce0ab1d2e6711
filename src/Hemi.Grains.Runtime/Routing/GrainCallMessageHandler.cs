using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Networking;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Routing;

/// <summary>
/// Serves grain calls arriving over the network (replaces <see cref="UnwiredSiloMessageHandler"/>): decodes the
/// request, attaches the frame's request context, delivers it through the catalog and answers when it completes.
/// Calls from another silo are run here (the sender addressed this silo; a lost registration race forwards them);
/// calls from external clients through this gateway are routed like local calls. Malformed or unknown calls are
/// answered with a typed rejection, never left to time out.
/// </summary>
internal sealed class GrainCallMessageHandler(IServiceProvider services) : ISiloMessageHandler
{
    private GrainCallRouter? _router;

    // Resolved lazily: the router's dependencies include the connection manager, which depends on this handler.
    private GrainCallRouter Router => _router ??= services.GetRequiredService<GrainCallRouter>();

    public async ValueTask<ReadOnlyMemory<byte>> HandleRequest(InboundSiloMessage request, CancellationToken cancellationToken)
    {
        var router = Router;
        var codec = router.Codec;
        Message message;
        try
        {
            message = codec.DecodeRequest(request.Body.Span);
        }
        catch (GrainCallRejectedException e)
        {
            return codec.EncodeRejection(e.Rejection, e.Message);
        }
        catch (GrainCallFormatException e)
        {
            return codec.EncodeRejection(GrainCallRejection.Unrecoverable, e.Message);
        }

        if (message.IsOneWay)
        {
            return codec.EncodeRejection(GrainCallRejection.Unrecoverable, $"{message.InterfaceName}.{message.MethodName} is one-way but was sent as a request.");
        }

        Deliver(router, request, message);
        return await codec.WaitAndEncodeResponse(message).ConfigureAwait(false);
    }

    public ValueTask HandleOneWay(InboundSiloMessage message, CancellationToken cancellationToken)
    {
        var router = Router;
        var decoded = router.Codec.DecodeRequest(message.Body.Span);
        if (!decoded.IsOneWay)
        {
            throw new GrainCallFormatException($"{decoded.InterfaceName}.{decoded.MethodName} expects a response but was sent one-way.");
        }

        // One-way calls are complete for their sender already.
        ((VoidRequest)decoded).TrySetResult();
        Deliver(router, message, decoded);
        return ValueTask.CompletedTask;
    }

    private static void Deliver(GrainCallRouter router, InboundSiloMessage inbound, Message message)
    {
        message.RequestContextData = inbound.RequestContext;
        var catalog = router.Catalog;
        if (inbound.ClientId is null)
        {
            message.SendingSilo = inbound.Sender;
            catalog.Runtime.RegisterInbound(message);
            catalog.DispatchInbound(message);
        }
        else
        {
            message.SendingSilo = catalog.LocalSilo;
            catalog.Runtime.RegisterInbound(message);
            catalog.Dispatch(message);
        }
    }
}
