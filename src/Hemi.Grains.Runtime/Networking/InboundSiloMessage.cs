namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// A request or one-way message received from <see cref="Sender"/>; for an external client's gateway connection
/// <see cref="ClientId"/> is set and <see cref="Sender"/> is the client's endpoint (generation 0), not a silo.
/// </summary>
public sealed record InboundSiloMessage(
    SiloAddress Sender,
    FrameFlags Flags,
    IReadOnlyDictionary<string, object?>? RequestContext,
    ReadOnlyMemory<byte> Body,
    string? ClientId = null);
