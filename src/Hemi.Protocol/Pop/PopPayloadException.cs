namespace Hemi.Protocol.Pop;

/// <summary>A script, payload or keystone that is not a valid Hemi PoP publication.</summary>
public sealed class PopPayloadException : FormatException
{
    public PopPayloadException(PopPayloadError error, string message)
        : base(message) => Error = error;

    /// <summary>The rejection rule that failed.</summary>
    public PopPayloadError Error { get; }
}
