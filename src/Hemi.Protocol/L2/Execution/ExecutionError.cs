namespace Hemi.Protocol.L2.Execution;

/// <summary>Why a transaction (or a whole block) cannot be executed. A rejected transaction makes its block invalid.</summary>
public enum ExecutionError
{
    /// <summary>The signature is malformed, unprotected (pre-EIP-155) or bound to another chain.</summary>
    InvalidSignature,

    /// <summary>The transaction nonce is below the sender's account nonce (a replay).</summary>
    NonceTooLow,

    /// <summary>The transaction nonce is above the sender's account nonce (a gap).</summary>
    NonceTooHigh,

    /// <summary>The sender cannot pay gasLimit · feeCap + value.</summary>
    InsufficientFunds,

    /// <summary>The gas limit does not cover the intrinsic gas.</summary>
    IntrinsicGasTooLow,

    /// <summary>maxFeePerGas (or gasPrice) is below the block's base fee.</summary>
    FeeCapBelowBaseFee,

    /// <summary>maxPriorityFeePerGas exceeds maxFeePerGas.</summary>
    TipAboveFeeCap,

    /// <summary>The transaction's gas limit does not fit in what is left of the block's gas limit.</summary>
    BlockGasLimitReached,

    /// <summary>The transaction has no recipient: contract creation is not supported by the native engine.</summary>
    ContractCreationNotSupported,

    /// <summary>The sender has code (EIP-3607).</summary>
    SenderHasCode,

    /// <summary>A system transaction with the wrong recipient or call data that does not decode.</summary>
    InvalidSystemTransaction,

    /// <summary>The block context does not follow from the parent header (number, timestamp, base fee).</summary>
    InvalidBlockContext,
}
