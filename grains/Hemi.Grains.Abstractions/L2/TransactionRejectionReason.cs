namespace Hemi.Grains.L2;

/// <summary>Why a submitted transaction was refused before it reached a block.</summary>
public enum TransactionRejectionReason
{
    Malformed,
    SystemTransaction,
    InvalidSignature,
    WrongChainId,
    NonceTooLow,
    NonceTooHigh,
    InsufficientFunds,
    FeeTooLow,
    IntrinsicGasTooLow,
    GasLimitExceeded,
    Unsupported,
    AlreadyKnown,
    PoolFull,
}
