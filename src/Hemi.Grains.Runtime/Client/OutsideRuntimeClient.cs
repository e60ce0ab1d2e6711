using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Client;

/// <summary>
/// The sending side of an external client (Orleans: <c>OutsideRuntimeClient</c>): stamps the request context and
/// expiry, registers the call for its response timeout and sends it through the current gateway connection.
/// </summary>
internal sealed class OutsideRuntimeClient(TimeProvider timeProvider, ClusterClientOptions options, GatewayManager gateways)
    : RuntimeClient(timeProvider, options.ResponseTimeout)
{
    // Set once the factory exists (the codec turns reference arguments into proxies of this client).
    public GrainCallCodec Codec { get; set; } = null!;

    public override void SendRequest(Message message)
    {
        message.RequestContextData = RequestContext.Export();
        RegisterOutbound(message);

        _ = SendAsync(message);
    }

    private async Task SendAsync(Message message)
    {
        try
        {
            byte[] body = Codec.EncodeRequest(message);
            ReadOnlyMemory<byte>? response;
            try
            {
                response = await SendOnce(message, body).ConfigureAwait(false);
            }
            catch (SiloUnavailableException e) when (e.NotProcessed)
            {
                // The gateway was closing (or gone) and the call certainly did not run: once more, through the next
                // gateway. A second failure reaches the caller.
                response = await SendOnce(message, body).ConfigureAwait(false);
            }

            if (response is { } answer)
            {
                Codec.ApplyResponse(message, answer.Span);
            }
        }
        catch (Exception exception)
        {
            message.TrySetException(exception);
        }
    }

    private async Task<ReadOnlyMemory<byte>?> SendOnce(Message message, byte[] body)
    {
        var connection = await gateways.GetConnectionAsync().ConfigureAwait(false);
        if (message.IsOneWay)
        {
            connection.SendOneWay(body, message.RequestContextData);
            return null;
        }

        return await connection.SendRequest(body, message.RequestContextData).ConfigureAwait(false);
    }
}
