using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Transactions;

/// <summary>
/// An EIP-1559 (type 2) transaction: <c>0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
/// gasLimit, to, value, data, accessList, yParity, r, s])</c>.
/// </summary>
public sealed record DynamicFeeTransaction : EthereumTransaction
{
    public override TransactionType Type => TransactionType.DynamicFee;

    /// <summary>Tip to the block producer per unit of gas (uint256).</summary>
    public BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>Cap on base fee plus tip per unit of gas (uint256).</summary>
    public BigInteger MaxFeePerGas { get; init; }

    public bool Equals(DynamicFeeTransaction? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();

    /// <summary>Returns a signed copy (RFC 6979 deterministic, low-S).</summary>
    public new DynamicFeeTransaction Sign(Hemi.Crypto.Secp256k1.PrivateKey key) => (DynamicFeeTransaction)base.Sign(key);

    private protected override void WriteFields(RlpWriter writer, SignaturePart part)
    {
        writer.BeginList();
        writer.WriteUInt64(TypedTransactionRules.RequireChainId(ChainId));
        writer.WriteUInt64(Nonce);
        WriteUInt256(writer, MaxPriorityFeePerGas, nameof(MaxPriorityFeePerGas));
        WriteUInt256(writer, MaxFeePerGas, nameof(MaxFeePerGas));
        writer.WriteUInt64(GasLimit);
        WriteTo(writer, To);
        WriteUInt256(writer, Value, nameof(Value));
        writer.WriteString(Data);
        WriteAccessList(writer, AccessList);
        if (part == SignaturePart.Signature && Signature is { } signature)
        {
            WriteSignature(writer, signature);
        }

        writer.EndList();
    }

    private protected override BigInteger EncodeV(int recoveryId) => recoveryId;

    private protected override int DecodeRecoveryId(BigInteger v) => TypedTransactionRules.RecoveryIdFromYParity(v);

    internal static DynamicFeeTransaction DecodePayload(ReadOnlySpan<byte> payload)
    {
        var outer = new RlpReader(payload);
        var fields = outer.EnterList();
        outer.EnsureEnd();
        var count = CountItems(fields);
        if (count != 9 && count != 12)
        {
            throw new EthereumFormatException($"An EIP-1559 transaction has 9 or 12 fields, got {count}.");
        }

        var tx = new DynamicFeeTransaction
        {
            ChainId = fields.ReadUInt64(),
            Nonce = fields.ReadUInt64(),
            MaxPriorityFeePerGas = fields.ReadBigInteger(),
            MaxFeePerGas = fields.ReadBigInteger(),
            GasLimit = fields.ReadUInt64(),
            To = ReadTo(ref fields),
            Value = fields.ReadBigInteger(),
            Data = fields.ReadString().ToArray(),
            AccessList = ReadAccessList(ref fields),
        };
        return count == 9 ? tx : tx with { Signature = TypedTransactionRules.ReadSignature(ref fields) };
    }
}
