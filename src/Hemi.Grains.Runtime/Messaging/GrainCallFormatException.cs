namespace Hemi.Grains.Runtime.Messaging;

/// <summary>An encoded grain call or response is malformed (truncated, oversized, unknown version, bad arguments).</summary>
public sealed class GrainCallFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallFormatException()
        : this("Malformed grain call.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainCallFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
