namespace Hemi.Grains.Runtime;

/// <summary>
/// The target silo cannot process the call: it is unreachable, known dead, shutting down, or the connection dropped
/// while the call was pending. Unlike a timeout the silo is known to be gone; whether the call ran is only certain
/// when <see cref="NotProcessed"/> is true.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException()
        : this("The silo is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message, saying whether the call certainly did not run.</summary>
    public SiloUnavailableException(string message, bool notProcessed, Exception? innerException = null)
        : base(message, innerException)
    {
        NotProcessed = notProcessed;
    }

    /// <summary>
    /// True when the call certainly did not run: it was never sent, or the receiving silo refused it before
    /// dispatching it (e.g. it had announced it was closing the connection). Such a call may be addressed again;
    /// when false the call may have run.
    /// </summary>
    public bool NotProcessed { get; }
}
