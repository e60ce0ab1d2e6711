namespace Hemi.Grains.Runtime;

/// <summary>An activation lost the directory registration race to another activation of the same grain.</summary>
public sealed class DuplicateActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DuplicateActivationException()
        : this("Another activation of the grain is registered.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateActivationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DuplicateActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
