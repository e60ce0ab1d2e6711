namespace Hemi.Grains.Runtime;

/// <summary>The target silo cannot process the call (e.g. it is shutting down). Unlike a timeout, the call did not run.</summary>
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
}
