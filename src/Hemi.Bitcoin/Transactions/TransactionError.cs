namespace Hemi.Bitcoin.Transactions;

/// <summary>Why <see cref="Transaction.CheckBasic"/> rejected a transaction (Bitcoin Core's CheckTransaction rules).</summary>
public enum TransactionError
{
    None,

    /// <summary>bad-txns-vin-empty</summary>
    NoInputs,

    /// <summary>bad-txns-vout-empty</summary>
    NoOutputs,

    /// <summary>bad-txns-oversize: the stripped size times four exceeds the block weight limit.</summary>
    Oversize,

    /// <summary>bad-txns-vout-negative</summary>
    NegativeOutput,

    /// <summary>bad-txns-vout-toolarge</summary>
    OutputTooLarge,

    /// <summary>bad-txns-txouttotal-toolarge</summary>
    OutputTotalTooLarge,

    /// <summary>bad-txns-inputs-duplicate</summary>
    DuplicateInputs,

    /// <summary>bad-cb-length: coinbase scriptSig outside 2..100 bytes.</summary>
    BadCoinbaseLength,

    /// <summary>bad-txns-prevout-null: a non-coinbase input spends the null outpoint.</summary>
    NullPrevOut,
}
