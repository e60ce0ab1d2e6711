namespace Hemi.Ethereum.Transactions;

/// <summary>A transaction decoded fine but its signature or chain id is not acceptable.</summary>
public sealed class TransactionValidationException : EthereumFormatException
{
    public TransactionValidationException(TransactionValidationError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The specific reason for rejection.</summary>
    public TransactionValidationError Error { get; }
}
