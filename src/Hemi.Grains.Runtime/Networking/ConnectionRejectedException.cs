namespace Hemi.Grains.Runtime.Networking;

/// <summary>The connection handshake was refused; <see cref="Reason"/> says why. Retrying will not help until configuration changes.</summary>
public sealed class ConnectionRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectionRejectedException()
        : this(ConnectionRejectionReason.Unspecified, "The connection was rejected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConnectionRejectedException(string message)
        : this(ConnectionRejectionReason.Unspecified, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ConnectionRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a reason and message.</summary>
    public ConnectionRejectedException(ConnectionRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the connection was refused.</summary>
    public ConnectionRejectionReason Reason { get; }
}
