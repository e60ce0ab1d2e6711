namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// A grain call failed on another silo with an exception whose type cannot be re-created here (not loaded, not an
/// <see cref="Exception"/>, or without a public (string) constructor). Carries the remote type name, message and
/// stack text.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException()
        : this("A remote grain call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteGrainException(string message)
        : base(message)
    {
        RemoteTypeName = string.Empty;
        RemoteStackTrace = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
        RemoteTypeName = string.Empty;
        RemoteStackTrace = string.Empty;
    }

    /// <summary>Creates the exception for a remote failure.</summary>
    public RemoteGrainException(string remoteTypeName, string message, string remoteStackTrace)
        : base(message)
    {
        RemoteTypeName = remoteTypeName;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception type thrown remotely.</summary>
    public string RemoteTypeName { get; }

    /// <summary>The remote stack trace text (may be empty).</summary>
    public string RemoteStackTrace { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{RemoteTypeName}: {Message}{Environment.NewLine}--- remote ---{Environment.NewLine}{RemoteStackTrace}{Environment.NewLine}--- local ---{Environment.NewLine}{base.ToString()}";
}
