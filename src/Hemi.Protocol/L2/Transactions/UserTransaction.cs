using System.Text.Json.Serialization;
using Hemi.Ethereum.Transactions;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>A signed Ethereum transaction submitted by a user.</summary>
/// <remarks>
/// The consensus encoding is made once and kept: a transaction that came in as bytes (the decoders accept only canonical
/// encodings) keeps those bytes, one built from fields encodes on first use. The sequencer's path asks for the encoding
/// several times (size check, hash, block body, block record), and each time used to run the RLP writer again.
/// </remarks>
[JsonConverter(typeof(UserTransactionJsonConverter))]
public sealed record UserTransaction : L2Transaction
{
    private byte[]? _encoding;

    public UserTransaction(EthereumTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Transaction = transaction;
    }

    // The caller hands over bytes it will not modify: they are the canonical encoding of transaction.
    internal UserTransaction(EthereumTransaction transaction, byte[] canonicalEncoding)
        : this(transaction)
    {
        _encoding = canonicalEncoding;
    }

    public EthereumTransaction Transaction { get; }

    public override byte TypeByte => (byte)Transaction.Type;

    public override bool IsSystem => false;

    /// <summary>The length in bytes of <see cref="Encode"/>.</summary>
    public int EncodedLength => Encoding.Length;

    // A race computes the same bytes twice; both results are equal and either may be kept.
    internal byte[] Encoding => _encoding ??= Transaction.Encode();

    /// <inheritdoc />
    /// <remarks>A copy: the kept encoding is never handed out.</remarks>
    public override byte[] Encode() => (byte[])Encoding.Clone();

    // By the transaction alone: whether the encoding was kept yet says nothing about the value.
    public bool Equals(UserTransaction? other) => ReferenceEquals(this, other) || (other is not null && Transaction.Equals(other.Transaction));

    public override int GetHashCode() => Transaction.GetHashCode();
}
