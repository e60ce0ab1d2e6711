using Hemi.Ethereum.Transactions;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>A signed Ethereum transaction submitted by a user.</summary>
public sealed record UserTransaction : L2Transaction
{
    public UserTransaction(EthereumTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Transaction = transaction;
    }

    public EthereumTransaction Transaction { get; }

    public override byte TypeByte => (byte)Transaction.Type;

    public override bool IsSystem => false;

    public override byte[] Encode() => Transaction.Encode();
}
