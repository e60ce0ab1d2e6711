namespace Hemi.Storage.AzureBlob;

/// <summary>A stored membership document or heartbeat could not be understood (truncated, garbage, out of range).</summary>
public sealed class MembershipTableFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MembershipTableFormatException()
        : this("Malformed membership document.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MembershipTableFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MembershipTableFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
