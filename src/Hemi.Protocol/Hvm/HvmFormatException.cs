namespace Hemi.Protocol.Hvm;

/// <summary>Malformed hVM precompile input or output bytes (wrong length, bad field, inconsistent content).</summary>
public sealed class HvmFormatException : FormatException
{
    public HvmFormatException(string message)
        : base(message)
    {
    }

    public HvmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
