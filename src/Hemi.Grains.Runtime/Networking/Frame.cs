namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// One decoded silo-to-silo frame. <see cref="RequestContext"/> travels in the header section (values are
/// <see cref="string"/>, <see cref="byte"/>[] or null); the body is opaque bytes at this layer.
/// </summary>
public sealed record Frame(
    FrameKind Kind,
    long CorrelationId,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, object?>? RequestContext = null,
    FrameFlags Flags = FrameFlags.None);
