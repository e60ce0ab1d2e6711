namespace Hemi.Ethereum.Transactions;

/// <summary>Why a transaction's signature or chain binding was rejected.</summary>
public enum TransactionValidationError
{
    /// <summary>The transaction carries no signature.</summary>
    Unsigned,

    /// <summary>r is zero or not below the curve order.</summary>
    InvalidR,

    /// <summary>s is zero or not below the curve order.</summary>
    InvalidS,

    /// <summary>s is above n/2; Ethereum rejects such malleable signatures since Homestead (EIP-2).</summary>
    HighS,

    /// <summary>Legacy v is neither 27/28 nor chainId·2+35/36, or a typed y-parity is not 0/1.</summary>
    InvalidV,

    /// <summary>The transaction is bound to a different chain than the one expected.</summary>
    WrongChainId,

    /// <summary>The transaction has no replay protection (pre-EIP-155) and the caller requires it.</summary>
    MissingChainId,

    /// <summary>No public key can be recovered from the signature.</summary>
    RecoveryFailed,
}
