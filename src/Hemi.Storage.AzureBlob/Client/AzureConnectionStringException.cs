namespace Hemi.Storage.AzureBlob;

/// <summary>A storage connection string that cannot be used (malformed, incomplete or unsupported).</summary>
public sealed class AzureConnectionStringException : FormatException
{
    public AzureConnectionStringException(string message)
        : base(message)
    {
    }

    public AzureConnectionStringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
