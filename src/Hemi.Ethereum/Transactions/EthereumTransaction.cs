using System.Numerics;
using System.Text.Json.Serialization;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Serialization;

namespace Hemi.Ethereum.Transactions;

/// <summary>
/// Common shape of the Ethereum transaction kinds (legacy, EIP-2930, EIP-1559): fields, canonical
/// encoding, hashing, signing and sender recovery. Two transactions are equal when their encodings are.
/// </summary>
[JsonConverter(typeof(EthereumTransactionJsonConverter))]
public abstract record EthereumTransaction
{
    /// <summary>The EIP-2718 type.</summary>
    public abstract TransactionType Type { get; }

    /// <summary>The chain the transaction is bound to; <see langword="null"/> only for pre-EIP-155 legacy transactions.</summary>
    public ulong? ChainId { get; init; }

    public ulong Nonce { get; init; }

    public ulong GasLimit { get; init; }

    /// <summary>The recipient; <see langword="null"/> for contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>Wei transferred (uint256).</summary>
    public BigInteger Value { get; init; }

    /// <summary>Call data or init code.</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>EIP-2930 access list; always empty for legacy transactions.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <summary>The signature, or <see langword="null"/> for an unsigned transaction.</summary>
    public TransactionSignature? Signature { get; init; }

    public bool IsSigned => Signature is not null;

    /// <summary>
    /// The canonical wire form: plain RLP for legacy, <c>type ‖ rlp(fields)</c> for typed transactions.
    /// An unsigned transaction encodes as its signing payload.
    /// </summary>
    public byte[] Encode()
    {
        var writer = new RlpWriter(128 + Data.Length);
        if (Type != TransactionType.Legacy)
        {
            writer.WriteRaw([(byte)Type]);
        }

        WriteFields(writer, Signature is null ? SignaturePart.None : SignaturePart.Signature);
        return writer.ToArray();
    }

    /// <summary>The bytes whose keccak256 is signed.</summary>
    public byte[] GetSigningPayload()
    {
        var writer = new RlpWriter(128 + Data.Length);
        if (Type != TransactionType.Legacy)
        {
            writer.WriteRaw([(byte)Type]);
        }

        WriteFields(writer, SignaturePart.None);
        return writer.ToArray();
    }

    /// <summary>keccak256 of the signing payload.</summary>
    public Hash32 GetSigningHash() => Hash32.FromOwned(Keccak256.Hash(GetSigningPayload()));

    /// <summary>The transaction hash: keccak256 of <see cref="Encode"/>.</summary>
    public Hash32 GetHash() => Hash32.FromOwned(Keccak256.Hash(Encode()));

    /// <summary>Returns a signed copy (RFC 6979 deterministic, low-S).</summary>
    public EthereumTransaction Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateForEncoding();
        var hash = GetSigningHash().ToBytes();
        var signature = Ecdsa.SignRecoverable(key, hash);
        var compact = signature.Compact64;
        var r = new BigInteger(compact.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(compact.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var recoveryId = signature.RecoveryId & 1;
        if (s > SignatureRules.HalfOrder)
        {
            // Ethereum only accepts the low-S twin; flipping s flips the parity of R's y.
            s = SignatureRules.Order - s;
            recoveryId ^= 1;
        }

        return this with { Signature = new TransactionSignature(EncodeV(recoveryId), r, s) };
    }

    /// <summary>
    /// Recovers the sender after validating the signature: r, s in [1, n−1], s ≤ n/2, a well-formed v / y-parity,
    /// and (when <paramref name="expectedChainId"/> is given) the chain binding.
    /// </summary>
    /// <param name="expectedChainId">The chain the caller is on; a transaction bound to another chain is rejected.</param>
    /// <param name="allowUnprotected">Whether a pre-EIP-155 legacy transaction (no chain id) is acceptable.</param>
    /// <exception cref="TransactionValidationException">The signature or chain id is not acceptable.</exception>
    public Address RecoverSender(ulong? expectedChainId = null, bool allowUnprotected = true)
    {
        var signature = Signature
            ?? throw new TransactionValidationException(TransactionValidationError.Unsigned, "The transaction is not signed.");
        if (signature.R.Sign <= 0 || signature.R >= SignatureRules.Order)
        {
            throw new TransactionValidationException(TransactionValidationError.InvalidR, "Signature r is out of range.");
        }

        if (signature.S.Sign <= 0 || signature.S >= SignatureRules.Order)
        {
            throw new TransactionValidationException(TransactionValidationError.InvalidS, "Signature s is out of range.");
        }

        if (signature.S > SignatureRules.HalfOrder)
        {
            throw new TransactionValidationException(TransactionValidationError.HighS, "Signature s is above n/2 (malleable high-S form).");
        }

        var recoveryId = DecodeRecoveryId(signature.V);
        if (expectedChainId is { } expected)
        {
            if (ChainId is null)
            {
                if (!allowUnprotected)
                {
                    throw new TransactionValidationException(TransactionValidationError.MissingChainId, "The transaction has no EIP-155 chain id.");
                }
            }
            else if (ChainId != expected)
            {
                throw new TransactionValidationException(
                    TransactionValidationError.WrongChainId, $"The transaction is for chain {ChainId}, expected {expected}.");
            }
        }
        else if (ChainId is null && !allowUnprotected)
        {
            throw new TransactionValidationException(TransactionValidationError.MissingChainId, "The transaction has no EIP-155 chain id.");
        }

        Span<byte> compact = stackalloc byte[64];
        signature.R.TryWriteBytes(compact[..32][(32 - signature.R.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        signature.S.TryWriteBytes(compact[32..][(32 - signature.S.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        var hash = GetSigningHash().ToBytes();
        if (!Ecdsa.TryRecover(hash, compact.ToArray(), recoveryId, out var publicKey) || publicKey is null)
        {
            throw new TransactionValidationException(TransactionValidationError.RecoveryFailed, "No public key matches the signature.");
        }

        return Address.FromPublicKey(publicKey);
    }

    /// <summary>
    /// Decodes a transaction from its wire form (typed envelope or legacy RLP). Both signed and unsigned
    /// (signing-payload) forms are accepted; unknown types, wrong field counts, trailing bytes and
    /// non-canonical integers are rejected.
    /// </summary>
    /// <exception cref="EthereumFormatException">The bytes are not a well-formed transaction (RLP errors are <see cref="RlpException"/>).</exception>
    public static EthereumTransaction Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new EthereumFormatException("Empty transaction encoding.");
        }

        var first = encoded[0];
        if (first >= 0xC0)
        {
            return LegacyTransaction.DecodeLegacy(encoded);
        }

        if (first >= 0x80)
        {
            throw new EthereumFormatException("A transaction is an RLP list or a typed envelope, not an RLP string.");
        }

        return (TransactionType)first switch
        {
            TransactionType.AccessList => AccessListTransaction.DecodePayload(encoded[1..]),
            TransactionType.DynamicFee => DynamicFeeTransaction.DecodePayload(encoded[1..]),
            _ => throw new EthereumFormatException($"Unsupported transaction type 0x{first:x2}."),
        };
    }

    public virtual bool Equals(EthereumTransaction? other) =>
        other is not null && other.Type == Type && Encode().AsSpan().SequenceEqual(other.Encode());

    // Field-based so that hashing never needs a (possibly failing) encode; Equals decides exactly.
    public override int GetHashCode() => HashCode.Combine(Type, ChainId, Nonce, GasLimit, To, Value, Data.Length, Signature?.R);

    /// <summary>Which signature fields to append after the body.</summary>
    private protected enum SignaturePart
    {
        None,
        Signature,
    }

    /// <summary>Writes the RLP list (without type byte) for the signing payload or the signed form.</summary>
    private protected abstract void WriteFields(RlpWriter writer, SignaturePart part);

    /// <summary>The wire v for a recovery id 0/1.</summary>
    private protected abstract BigInteger EncodeV(int recoveryId);

    /// <summary>The recovery id 0/1 from a wire v, validating it against this transaction's kind and chain id.</summary>
    private protected abstract int DecodeRecoveryId(BigInteger v);

    /// <summary>Throws <see cref="InvalidOperationException"/> for field values that have no canonical encoding.</summary>
    private protected virtual void ValidateForEncoding()
    {
    }

    private protected static void WriteTo(RlpWriter writer, Address? to)
    {
        if (to is { } address)
        {
            writer.WriteString(address.AsSpan());
        }
        else
        {
            writer.WriteString([]);
        }
    }

    private protected static void WriteUInt256(RlpWriter writer, BigInteger value, string field)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new InvalidOperationException($"{field} must be a uint256.");
        }

        writer.WriteBigInteger(value);
    }

    private protected static void WriteAccessList(RlpWriter writer, IReadOnlyList<AccessListEntry> accessList)
    {
        writer.BeginList();
        foreach (var entry in accessList)
        {
            writer.BeginList();
            writer.WriteString(entry.Address.AsSpan());
            writer.BeginList();
            foreach (var key in entry.StorageKeys)
            {
                writer.WriteString(key.AsSpan());
            }

            writer.EndList();
            writer.EndList();
        }

        writer.EndList();
    }

    private protected static void WriteSignature(RlpWriter writer, TransactionSignature signature)
    {
        WriteUInt256(writer, signature.V, "v");
        WriteUInt256(writer, signature.R, "r");
        WriteUInt256(writer, signature.S, "s");
    }

    private protected static Address? ReadTo(ref RlpReader reader)
    {
        var bytes = reader.ReadString();
        return bytes.Length switch
        {
            0 => null,
            Address.Length => new Address(bytes),
            _ => throw new EthereumFormatException($"Transaction recipient must be empty or 20 bytes, got {bytes.Length}."),
        };
    }

    private protected static IReadOnlyList<AccessListEntry> ReadAccessList(ref RlpReader reader)
    {
        var list = reader.EnterList();
        var entries = new List<AccessListEntry>();
        while (list.HasMore)
        {
            var entry = list.EnterList();
            var address = new Address(entry.ReadFixedString(Address.Length));
            var keysReader = entry.EnterList();
            entry.EnsureEnd();
            var keys = new List<Hash32>();
            while (keysReader.HasMore)
            {
                keys.Add(new Hash32(keysReader.ReadFixedString(Hash32.Length)));
            }

            entries.Add(new AccessListEntry(address, keys));
        }

        return entries;
    }

    /// <summary>Counts the items of a list payload without decoding them (each is fully header-validated).</summary>
    private protected static int CountItems(RlpReader list)
    {
        var count = 0;
        while (list.HasMore)
        {
            list.Skip();
            count++;
        }

        return count;
    }

    private protected static ulong ToChainId(BigInteger value) =>
        value <= ulong.MaxValue
            ? (ulong)value
            : throw new EthereumFormatException("Chain id does not fit in 64 bits.");
}
