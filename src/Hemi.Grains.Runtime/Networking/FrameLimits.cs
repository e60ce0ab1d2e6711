namespace Hemi.Grains.Runtime.Networking;

/// <summary>Upper bounds checked before any frame section is buffered or allocated.</summary>
public readonly record struct FrameLimits(int MaxHeaderLength, int MaxBodyLength)
{
    /// <summary>64 KiB of header (request context), 16 MiB of body.</summary>
    public static FrameLimits Default { get; } = new(64 * 1024, 16 * 1024 * 1024);
}
