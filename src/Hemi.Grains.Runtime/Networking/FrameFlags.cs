namespace Hemi.Grains.Runtime.Networking;

/// <summary>Per-frame flags (byte 1 of the frame header), carried for the invocation layer; unknown bits are a framing error.</summary>
[Flags]
public enum FrameFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>The request does not modify grain state.</summary>
    ReadOnly = 1,

    /// <summary>The request may interleave with others on its target.</summary>
    AlwaysInterleave = 2,

    /// <summary>Runtime (system) traffic, kept flowing during shutdown.</summary>
    SystemMessage = 4,

    /// <summary>Every defined bit.</summary>
    All = ReadOnly | AlwaysInterleave | SystemMessage,
}
