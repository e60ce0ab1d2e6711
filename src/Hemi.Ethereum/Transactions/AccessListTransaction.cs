using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Transactions;

/// <summary>
/// An EIP-2930 (type 1) transaction:
/// <c>0x01 ‖ rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s])</c>.
/// </summary>
public sealed record AccessListTransaction : EthereumTransaction
{
    public override TransactionType Type => TransactionType.AccessList;

    /// <summary>Wei per unit of gas (uint256).</summary>
    public BigInteger GasPrice { get; init; }

    public bool Equals(AccessListTransaction? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();

    /// <summary>Returns a signed copy (RFC 6979 deterministic, low-S).</summary>
    public new AccessListTransaction Sign(Hemi.Crypto.Secp256k1.PrivateKey key) => (AccessListTransaction)base.Sign(key);

    private protected override void WriteFields(RlpWriter writer, SignaturePart part)
    {
        writer.BeginList();
        writer.WriteUInt64(TypedTransactionRules.RequireChainId(ChainId));
        writer.WriteUInt64(Nonce);
        WriteUInt256(writer, GasPrice, nameof(GasPrice));
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

    internal static AccessListTransaction DecodePayload(ReadOnlySpan<byte> payload)
    {
        var outer = new RlpReader(payload);
        var fields = outer.EnterList();
        outer.EnsureEnd();
        var count = CountItems(fields);
        if (count != 8 && count != 11)
        {
            throw new EthereumFormatException($"An EIP-2930 transaction has 8 or 11 fields, got {count}.");
        }

        var tx = new AccessListTransaction
        {
            ChainId = fields.ReadUInt64(),
            Nonce = fields.ReadUInt64(),
            GasPrice = fields.ReadBigInteger(),
            GasLimit = fields.ReadUInt64(),
            To = ReadTo(ref fields),
            Value = fields.ReadBigInteger(),
            Data = fields.ReadString().ToArray(),
            AccessList = ReadAccessList(ref fields),
        };
        return count == 8 ? tx : tx with { Signature = TypedTransactionRules.ReadSignature(ref fields) };
    }
}
