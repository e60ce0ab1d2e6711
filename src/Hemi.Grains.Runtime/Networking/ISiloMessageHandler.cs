namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// Receives the application traffic of accepted connections (the invocation layer implements it). Pings are
/// answered by the transport and never reach it.
/// </summary>
public interface ISiloMessageHandler
{
    /// <summary>Handles a request; the result becomes the response body, a thrown exception an error response.</summary>
    ValueTask<ReadOnlyMemory<byte>> HandleRequest(InboundSiloMessage request, CancellationToken cancellationToken);

    /// <summary>Handles a one-way message; exceptions are logged and dropped.</summary>
    ValueTask HandleOneWay(InboundSiloMessage message, CancellationToken cancellationToken);
}
