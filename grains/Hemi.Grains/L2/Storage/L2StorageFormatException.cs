namespace Hemi.Grains.L2.Storage;

/// <summary>A stored L2 object (block record, state snapshot, hash index segment) is truncated, oversized or not in its format.</summary>
public sealed class L2StorageFormatException : FormatException
{
    public L2StorageFormatException(string message)
        : base(message)
    {
    }

    public L2StorageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
