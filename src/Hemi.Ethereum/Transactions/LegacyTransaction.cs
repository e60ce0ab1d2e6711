using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Transactions;

/// <summary>
/// A pre-EIP-2718 transaction: <c>rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s])</c>.
/// With a <see cref="EthereumTransaction.ChainId"/> it is EIP-155 replay-protected (v = chainId·2+35/36);
/// without one it signs the six-field payload and v is 27/28.
/// </summary>
public sealed record LegacyTransaction : EthereumTransaction
{
    public override TransactionType Type => TransactionType.Legacy;

    /// <summary>Wei per unit of gas (uint256).</summary>
    public BigInteger GasPrice { get; init; }

    public bool Equals(LegacyTransaction? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();

    /// <summary>Returns a signed copy (RFC 6979 deterministic, low-S).</summary>
    public new LegacyTransaction Sign(Hemi.Crypto.Secp256k1.PrivateKey key) => (LegacyTransaction)base.Sign(key);

    private protected override void ValidateForEncoding()
    {
        if (AccessList.Count != 0)
        {
            throw new InvalidOperationException("Legacy transactions cannot carry an access list.");
        }
    }

    private protected override void WriteFields(RlpWriter writer, SignaturePart part)
    {
        ValidateForEncoding();
        writer.BeginList();
        writer.WriteUInt64(Nonce);
        WriteUInt256(writer, GasPrice, nameof(GasPrice));
        writer.WriteUInt64(GasLimit);
        WriteTo(writer, To);
        WriteUInt256(writer, Value, nameof(Value));
        writer.WriteString(Data);
        if (part == SignaturePart.Signature && Signature is { } signature)
        {
            WriteSignature(writer, signature);
        }
        else if (ChainId is { } chainId)
        {
            // EIP-155 signing payload: [..., chainId, 0, 0].
            writer.WriteUInt64(chainId);
            writer.WriteString([]);
            writer.WriteString([]);
        }

        writer.EndList();
    }

    private protected override BigInteger EncodeV(int recoveryId) =>
        ChainId is { } chainId ? (new BigInteger(chainId) * 2) + 35 + recoveryId : 27 + recoveryId;

    private protected override int DecodeRecoveryId(BigInteger v)
    {
        var low = ChainId is { } chainId ? (new BigInteger(chainId) * 2) + 35 : new BigInteger(27);
        if (v != low && v != low + 1)
        {
            throw new TransactionValidationException(
                TransactionValidationError.InvalidV,
                ChainId is null ? $"Legacy v must be 27 or 28, got {v}." : $"EIP-155 v must be {low} or {low + 1}, got {v}.");
        }

        return (int)(v - low);
    }

    internal static LegacyTransaction DecodeLegacy(ReadOnlySpan<byte> encoded)
    {
        var outer = new RlpReader(encoded);
        var fields = outer.EnterList();
        outer.EnsureEnd();
        var count = CountItems(fields);
        if (count != 6 && count != 9)
        {
            throw new EthereumFormatException($"A legacy transaction has 6 or 9 fields, got {count}.");
        }

        var tx = new LegacyTransaction
        {
            Nonce = fields.ReadUInt64(),
            GasPrice = fields.ReadBigInteger(),
            GasLimit = fields.ReadUInt64(),
            To = ReadTo(ref fields),
            Value = fields.ReadBigInteger(),
            Data = fields.ReadString().ToArray(),
        };
        if (count == 6)
        {
            return tx;
        }

        var v = fields.ReadBigInteger();
        var r = fields.ReadBigInteger();
        var s = fields.ReadBigInteger();
        if (r.IsZero && s.IsZero)
        {
            // The unsigned EIP-155 form carries the chain id in the v slot.
            return tx with { ChainId = ToChainId(v) };
        }

        // v = chainId·2+35/36 binds the chain; anything else but 27/28 is kept verbatim and rejected on recovery.
        ulong? chainId = v >= 35 && (v - 35) / 2 <= ulong.MaxValue ? (ulong)((v - 35) / 2) : null;
        return tx with { ChainId = chainId, Signature = new TransactionSignature(v, r, s) };
    }
}
