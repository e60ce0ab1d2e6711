namespace Hemi.Ethereum;

/// <summary>
/// Raised when Ethereum-encoded data (RLP, addresses, hashes, transactions, receipts) is malformed.
/// Every parser in this assembly reports hostile input through this type or a subclass.
/// </summary>
public class EthereumFormatException : FormatException
{
    public EthereumFormatException()
    {
    }

    public EthereumFormatException(string message)
        : base(message)
    {
    }

    public EthereumFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
