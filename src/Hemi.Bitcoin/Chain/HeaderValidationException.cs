namespace Hemi.Bitcoin.Chain;

/// <summary>A header failed validation; <see cref="Reason"/> says which rule.</summary>
public sealed class HeaderValidationException : Exception
{
    public HeaderValidationException()
        : this(HeaderValidationError.None, Hash256.Zero)
    {
    }

    public HeaderValidationException(string message)
        : base(message)
    {
    }

    public HeaderValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HeaderValidationException(HeaderValidationError reason, Hash256 blockHash)
        : base($"Header {blockHash} rejected: {reason}.")
    {
        Reason = reason;
        BlockHash = blockHash;
    }

    public HeaderValidationError Reason { get; }

    /// <summary>Hash of the refused header.</summary>
    public Hash256 BlockHash { get; }
}
