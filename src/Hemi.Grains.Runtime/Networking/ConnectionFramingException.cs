namespace Hemi.Grains.Runtime.Networking;

/// <summary>A peer sent bytes that are not a valid frame or preamble; the connection is closed.</summary>
public sealed class ConnectionFramingException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionFramingException()
        : this("Invalid frame.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConnectionFramingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ConnectionFramingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
