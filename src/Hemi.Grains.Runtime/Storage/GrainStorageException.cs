namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// A storage failure that is not an ETag conflict: I/O or service errors, corrupt or unreadable stored
/// data, an unknown schema version.
/// </summary>
public class GrainStorageException : Exception
{
    public GrainStorageException()
        : this("Grain storage operation failed.")
    {
    }

    public GrainStorageException(string message)
        : base(message)
    {
    }

    public GrainStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
