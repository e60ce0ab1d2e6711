namespace Hemi.Bitcoin.Node;

/// <summary>Maps <see cref="RejectCode"/> to the reject strings bitcoind uses, so callers can match on either.</summary>
public static class RejectReasons
{
    /// <summary>bitcoind's reject reason for <paramref name="code"/>.</summary>
    public static string ToReason(RejectCode code) => code switch
    {
        RejectCode.NoInputs => "bad-txns-vin-empty",
        RejectCode.NoOutputs => "bad-txns-vout-empty",
        RejectCode.Oversize => "bad-txns-oversize",
        RejectCode.NegativeOutput => "bad-txns-vout-negative",
        RejectCode.OutputTooLarge => "bad-txns-vout-toolarge",
        RejectCode.OutputTotalTooLarge => "bad-txns-txouttotal-toolarge",
        RejectCode.DuplicateInputs => "bad-txns-inputs-duplicate",
        RejectCode.BadCoinbaseLength => "bad-cb-length",
        RejectCode.NullPrevOut => "bad-txns-prevout-null",
        RejectCode.Coinbase => "coinbase",
        RejectCode.Version => "version",
        RejectCode.TxSize => "tx-size",
        RejectCode.TxSizeSmall => "tx-size-small",
        RejectCode.NonStandardOutput => "scriptpubkey",
        RejectCode.MultipleOpReturn => "multi-op-return",
        RejectCode.Dust => "dust",
        RejectCode.ScriptSigNotPushOnly => "scriptsig-not-pushonly",
        RejectCode.NonFinal => "non-final",
        RejectCode.AlreadyInMempool => "txn-already-in-mempool",
        RejectCode.AlreadyKnown => "txn-already-known",
        RejectCode.MempoolConflict => "txn-mempool-conflict",
        RejectCode.MissingOrSpentInputs => "bad-txns-inputs-missingorspent",
        RejectCode.NonStandardInputs => "bad-txns-nonstandard-inputs",
        RejectCode.PrematureCoinbaseSpend => "bad-txns-premature-spend-of-coinbase",
        RejectCode.InputValuesOutOfRange => "bad-txns-inputvalues-outofrange",
        RejectCode.InputsBelowOutputs => "bad-txns-in-belowout",
        RejectCode.MinRelayFeeNotMet => "min relay fee not met",
        RejectCode.ScriptVerifyFailed => "mandatory-script-verify-flag-failed",
        RejectCode.BlockNonFinal => "bad-txns-nonfinal",
        RejectCode.Bip30 => "bad-txns-BIP30",
        RejectCode.BadHeader => "bad-header",
        RejectCode.BadMerkleRoot => "bad-txnmrklroot",
        RejectCode.DuplicateTransactions => "bad-txns-duplicate",
        RejectCode.MissingCoinbase => "bad-cb-missing",
        RejectCode.MultipleCoinbases => "bad-cb-multiple",
        RejectCode.BadCoinbaseHeight => "bad-cb-height",
        RejectCode.BadCoinbaseAmount => "bad-cb-amount",
        RejectCode.BadWitnessCommitment => "bad-witness-merkle-match",
        RejectCode.BlockWeight => "bad-blk-weight",
        RejectCode.PrevBlockNotFound => "prev-blk-not-found",
        RejectCode.BadPrevBlock => "bad-prevblk",
        RejectCode.DuplicateBlock => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown reject code."),
    };
}
