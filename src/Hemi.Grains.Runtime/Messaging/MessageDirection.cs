namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Whether a message expects a response.</summary>
public enum MessageDirection : byte
{
    /// <summary>A request that expects a response.</summary>
    Request,

    /// <summary>A response to a request.</summary>
    Response,

    /// <summary>A request with no response.</summary>
    OneWay,
}
