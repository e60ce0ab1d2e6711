namespace Hemi.Grains.L2;

/// <summary>A transaction was refused (bad encoding, signature, chain id, nonce, funds, fee, …); the message says why in words a wallet can show.</summary>
public sealed class TransactionRejectedException : Exception
{
    public TransactionRejectedException(TransactionRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public TransactionRejectedException(TransactionRejectionReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public TransactionRejectionReason Reason { get; }
}
