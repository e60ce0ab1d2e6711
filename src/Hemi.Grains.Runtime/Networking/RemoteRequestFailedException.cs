namespace Hemi.Grains.Runtime.Networking;

/// <summary>The remote silo received the request and its handler failed; the message is the remote's description.</summary>
public sealed class RemoteRequestFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteRequestFailedException()
        : this("The remote silo failed the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteRequestFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RemoteRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
