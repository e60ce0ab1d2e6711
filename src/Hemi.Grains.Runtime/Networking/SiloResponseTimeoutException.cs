namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// No response arrived within the response timeout. The outcome is unknown: the request may or may not have run, and
/// it is never resent (at-most-once delivery).
/// </summary>
public sealed class SiloResponseTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public SiloResponseTimeoutException()
        : this("No response arrived in time; the outcome is unknown.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiloResponseTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SiloResponseTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
