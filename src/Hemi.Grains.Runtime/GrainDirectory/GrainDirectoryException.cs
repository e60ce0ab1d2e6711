namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>The grain directory's storage could not be read or written.</summary>
public sealed class GrainDirectoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainDirectoryException()
        : this("The grain directory is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainDirectoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
