namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// The default handler until grain invocation is wired to the transport: requests fail with an error response (so
/// the caller learns at once instead of timing out) and one-way messages are dropped. Pings still work.
/// </summary>
public sealed class UnwiredSiloMessageHandler : ISiloMessageHandler
{
    /// <inheritdoc/>
    public ValueTask<ReadOnlyMemory<byte>> HandleRequest(InboundSiloMessage request, CancellationToken cancellationToken) =>
        ValueTask.FromException<ReadOnlyMemory<byte>>(new NotSupportedException("This silo does not serve remote grain calls yet."));

    /// <inheritdoc/>
    public ValueTask HandleOneWay(InboundSiloMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
