namespace Hemi.Ethereum.Transactions;

/// <summary>EIP-2718 transaction type. Legacy transactions carry no type byte on the wire.</summary>
public enum TransactionType : byte
{
    /// <summary>Pre-EIP-2718 transaction, with or without EIP-155 replay protection.</summary>
    Legacy = 0,

    /// <summary>EIP-2930 transaction with an access list.</summary>
    AccessList = 1,

    /// <summary>EIP-1559 transaction with a base-fee market.</summary>
    DynamicFee = 2,
}
