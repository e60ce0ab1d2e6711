namespace Hemi.Bitcoin.Node;

/// <summary>Typed reasons a transaction or block is refused; <see cref="RejectReasons.ToReason"/> gives bitcoind's string.</summary>
public enum RejectCode
{
    /// <summary>bad-txns-vin-empty</summary>
    NoInputs,
    /// <summary>bad-txns-vout-empty</summary>
    NoOutputs,
    /// <summary>bad-txns-oversize</summary>
    Oversize,
    /// <summary>bad-txns-vout-negative</summary>
    NegativeOutput,
    /// <summary>bad-txns-vout-toolarge</summary>
    OutputTooLarge,
    /// <summary>bad-txns-txouttotal-toolarge</summary>
    OutputTotalTooLarge,
    /// <summary>bad-txns-inputs-duplicate</summary>
    DuplicateInputs,
    /// <summary>bad-cb-length</summary>
    BadCoinbaseLength,
    /// <summary>bad-txns-prevout-null</summary>
    NullPrevOut,
    /// <summary>coinbase: a loose coinbase transaction.</summary>
    Coinbase,
    /// <summary>version: non-standard transaction version.</summary>
    Version,
    /// <summary>tx-size: weight above the standard limit.</summary>
    TxSize,
    /// <summary>tx-size-small: stripped size below 65 bytes.</summary>
    TxSizeSmall,
    /// <summary>scriptpubkey: non-standard output script.</summary>
    NonStandardOutput,
    /// <summary>multi-op-return: more than one OP_RETURN output.</summary>
    MultipleOpReturn,
    /// <summary>dust</summary>
    Dust,
    /// <summary>scriptsig-not-pushonly</summary>
    ScriptSigNotPushOnly,
    /// <summary>non-final: lock time not yet reached.</summary>
    NonFinal,
    /// <summary>txn-already-in-mempool</summary>
    AlreadyInMempool,
    /// <summary>txn-already-known: outputs already in the UTXO set.</summary>
    AlreadyKnown,
    /// <summary>txn-mempool-conflict: an input is spent by another mempool transaction.</summary>
    MempoolConflict,
    /// <summary>bad-txns-inputs-missingorspent</summary>
    MissingOrSpentInputs,
    /// <summary>bad-txns-nonstandard-inputs: spends an output of a type this node cannot verify.</summary>
    NonStandardInputs,
    /// <summary>bad-txns-premature-spend-of-coinbase</summary>
    PrematureCoinbaseSpend,
    /// <summary>bad-txns-inputvalues-outofrange</summary>
    InputValuesOutOfRange,
    /// <summary>bad-txns-in-belowout: outputs exceed inputs.</summary>
    InputsBelowOutputs,
    /// <summary>min relay fee not met</summary>
    MinRelayFeeNotMet,
    /// <summary>mandatory-script-verify-flag-failed: an input's signature does not verify.</summary>
    ScriptVerifyFailed,
    /// <summary>bad-txns-nonfinal: a block holds a non-final transaction.</summary>
    BlockNonFinal,
    /// <summary>bad-txns-BIP30: a transaction would overwrite an unspent output.</summary>
    Bip30,
    /// <summary>high-hash / bad-diffbits / time-too-old / time-too-new / bad-version: header rules.</summary>
    BadHeader,
    /// <summary>bad-txnmrklroot</summary>
    BadMerkleRoot,
    /// <summary>bad-txns-duplicate: a mutated merkle tree.</summary>
    DuplicateTransactions,
    /// <summary>bad-cb-missing</summary>
    MissingCoinbase,
    /// <summary>bad-cb-multiple</summary>
    MultipleCoinbases,
    /// <summary>bad-cb-height</summary>
    BadCoinbaseHeight,
    /// <summary>bad-cb-amount</summary>
    BadCoinbaseAmount,
    /// <summary>bad-witness-merkle-match / unexpected-witness</summary>
    BadWitnessCommitment,
    /// <summary>bad-blk-weight</summary>
    BlockWeight,
    /// <summary>prev-blk-not-found</summary>
    PrevBlockNotFound,
    /// <summary>bad-prevblk: builds on an invalid block.</summary>
    BadPrevBlock,
    /// <summary>duplicate: the block is already known.</summary>
    DuplicateBlock,
}
