namespace Hemi.Ethereum.Abi;

/// <summary>
/// Raised for every ABI failure: a malformed type or signature string, a value that does not fit its
/// type, or encoded data that is truncated, out of range or not canonically padded.
/// </summary>
public sealed class AbiException : EthereumFormatException
{
    public AbiException()
    {
    }

    public AbiException(string message)
        : base(message)
    {
    }

    public AbiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
