namespace Hemi.Ethereum.Rlp;

/// <summary>Raised for malformed or non-canonical RLP: bad prefixes, truncation, trailing bytes, excessive nesting.</summary>
public class RlpException : EthereumFormatException
{
    public RlpException()
    {
    }

    public RlpException(string message)
        : base(message)
    {
    }

    public RlpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
