namespace Hemi.Storage.AzureBlob;

/// <summary>A stored grain directory entry could not be understood (truncated, garbage, wrong grain, out of range).</summary>
public sealed class GrainDirectoryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public GrainDirectoryFormatException()
        : this("Malformed grain directory entry.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainDirectoryFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainDirectoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
