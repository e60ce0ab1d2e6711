namespace Hemi.Grains.Runtime.Networking;

/// <summary>A request or one-way message received from <see cref="Sender"/>.</summary>
public sealed record InboundSiloMessage(
    SiloAddress Sender,
    FrameFlags Flags,
    IReadOnlyDictionary<string, object?>? RequestContext,
    ReadOnlyMemory<byte> Body);
