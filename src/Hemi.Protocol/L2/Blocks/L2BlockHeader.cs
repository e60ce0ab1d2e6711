using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Trie;

namespace Hemi.Protocol.L2.Blocks;

/// <summary>
/// An Ethereum-shaped block header (London fields plus the optional Shanghai/Cancun trailers), hashed as
/// keccak256(rlp(header)) so standard tooling recognises L2 blocks. Hemi commits the canonical Bitcoin tip
/// hash (internal byte order) in <see cref="MixHash"/>, the field post-merge Ethereum uses for prevRandao:
/// it is the only free 32-byte field and makes a block's Bitcoin view part of its hash.
/// </summary>
/// <remarks>
/// The codec accepts any Ethereum header (non-zero difficulty and nonce included); the L2 policy
/// (difficulty 0, zero nonce, base fee present) is checked by <see cref="IsValidL2Shape"/>.
/// The optional trailers must be present as a prefix: baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas,
/// parentBeaconBlockRoot — each requires all the earlier ones, exactly as Ethereum encodes them.
/// </remarks>
public sealed record L2BlockHeader
{
    /// <summary>Ethereum limits extraData to 32 bytes.</summary>
    public const int MaxExtraDataLength = 32;

    /// <summary>keccak256(rlp([])): the ommers hash of every block without uncles.</summary>
    public static readonly Hash32 EmptyOmmersHash =
        Hash32.Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

    private const int MandatoryFieldCount = 15;
    private const int MaxFieldCount = 20;

    private readonly byte[] _logsBloom = new byte[Bloom.Length];
    private readonly byte[] _extraData = [];

    public Hash32 ParentHash { get; init; }

    public Hash32 OmmersHash { get; init; } = EmptyOmmersHash;

    /// <summary>The beneficiary that receives the priority fees.</summary>
    public Address Coinbase { get; init; }

    public Hash32 StateRoot { get; init; } = PatriciaTrie.EmptyRootHash;

    public Hash32 TransactionsRoot { get; init; } = PatriciaTrie.EmptyRootHash;

    public Hash32 ReceiptsRoot { get; init; } = PatriciaTrie.EmptyRootHash;

    /// <summary>The bloom of all receipts (a copy; the header stays immutable).</summary>
    public Bloom LogsBloom
    {
        get => new(_logsBloom);
        init => _logsBloom = (value ?? throw new ArgumentNullException(nameof(value))).ToBytes();
    }

    public BigInteger Difficulty { get; init; }

    public ulong Number { get; init; }

    public ulong GasLimit { get; init; }

    public ulong GasUsed { get; init; }

    public ulong Timestamp { get; init; }

    /// <summary>At most <see cref="MaxExtraDataLength"/> bytes (copied on init).</summary>
    public ReadOnlyMemory<byte> ExtraData
    {
        get => _extraData;
        init
        {
            if (value.Length > MaxExtraDataLength)
            {
                throw new ArgumentException($"extraData is limited to {MaxExtraDataLength} bytes, got {value.Length}.", nameof(value));
            }

            _extraData = value.ToArray();
        }
    }

    /// <summary>On Hemi: the canonical Bitcoin tip hash (internal byte order) the block was built against.</summary>
    public Hash32 MixHash { get; init; }

    /// <summary>The 8-byte proof-of-work nonce, big-endian; always zero on the L2.</summary>
    public ulong Nonce { get; init; }

    /// <summary>EIP-1559 base fee; <see langword="null"/> only for pre-London headers.</summary>
    public BigInteger? BaseFeePerGas { get; init; }

    public Hash32? WithdrawalsRoot { get; init; }

    public ulong? BlobGasUsed { get; init; }

    public ulong? ExcessBlobGas { get; init; }

    public Hash32? ParentBeaconBlockRoot { get; init; }

    /// <summary>keccak256 of the header's RLP: the block hash.</summary>
    public Hash32 Hash => new(Keccak256.Hash(Encode()));

    /// <summary>Whether the header has the shape every Hemi L2 header must have (checked by block validation).</summary>
    public bool IsValidL2Shape =>
        Difficulty.IsZero && Nonce == 0 && OmmersHash == EmptyOmmersHash && BaseFeePerGas is not null
        && GasUsed <= GasLimit && HasConsistentOptionalFields;

    private bool HasConsistentOptionalFields
    {
        get
        {
            bool[] present =
            [
                BaseFeePerGas is not null, WithdrawalsRoot is not null, BlobGasUsed is not null,
                ExcessBlobGas is not null, ParentBeaconBlockRoot is not null,
            ];
            var firstMissing = Array.IndexOf(present, false);
            return firstMissing < 0 || Array.IndexOf(present, true, firstMissing) < 0;
        }
    }

    /// <summary>The canonical RLP list of the header's fields.</summary>
    /// <exception cref="InvalidOperationException">An optional field is set while an earlier one is missing, or a value is out of range.</exception>
    public byte[] Encode()
    {
        if (!HasConsistentOptionalFields)
        {
            throw new InvalidOperationException(
                "Optional header fields must form a prefix of (baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconBlockRoot).");
        }

        if (Difficulty.Sign < 0 || BaseFeePerGas is { Sign: < 0 })
        {
            throw new InvalidOperationException("Difficulty and base fee are unsigned.");
        }

        Span<byte> nonce = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, Nonce);

        var writer = new RlpWriter(600);
        writer.BeginList();
        writer.WriteString(ParentHash.AsSpan());
        writer.WriteString(OmmersHash.AsSpan());
        writer.WriteString(Coinbase.AsSpan());
        writer.WriteString(StateRoot.AsSpan());
        writer.WriteString(TransactionsRoot.AsSpan());
        writer.WriteString(ReceiptsRoot.AsSpan());
        writer.WriteString(_logsBloom);
        writer.WriteBigInteger(Difficulty);
        writer.WriteUInt64(Number);
        writer.WriteUInt64(GasLimit);
        writer.WriteUInt64(GasUsed);
        writer.WriteUInt64(Timestamp);
        writer.WriteString(_extraData);
        writer.WriteString(MixHash.AsSpan());
        writer.WriteString(nonce);
        if (BaseFeePerGas is { } baseFee)
        {
            writer.WriteBigInteger(baseFee);
        }

        if (WithdrawalsRoot is { } withdrawalsRoot)
        {
            writer.WriteString(withdrawalsRoot.AsSpan());
        }

        if (BlobGasUsed is { } blobGasUsed)
        {
            writer.WriteUInt64(blobGasUsed);
        }

        if (ExcessBlobGas is { } excessBlobGas)
        {
            writer.WriteUInt64(excessBlobGas);
        }

        if (ParentBeaconBlockRoot is { } beaconRoot)
        {
            writer.WriteString(beaconRoot.AsSpan());
        }

        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Decodes a header from its canonical RLP (15 to 20 fields, nothing trailing).</summary>
    /// <exception cref="L2FormatException">Truncated, non-canonical or otherwise malformed input.</exception>
    public static L2BlockHeader Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var fields = outer.EnterList();
            outer.EnsureEnd();
            return ReadFields(ref fields);
        }
        catch (RlpException e)
        {
            throw new L2FormatException("A block header is not canonical RLP: " + e.Message, e);
        }
    }

    private static L2BlockHeader ReadFields(ref RlpReader fields)
    {
        var parentHash = new Hash32(fields.ReadFixedString(Hash32.Length));
        var ommersHash = new Hash32(fields.ReadFixedString(Hash32.Length));
        var coinbase = new Address(fields.ReadFixedString(Address.Length));
        var stateRoot = new Hash32(fields.ReadFixedString(Hash32.Length));
        var transactionsRoot = new Hash32(fields.ReadFixedString(Hash32.Length));
        var receiptsRoot = new Hash32(fields.ReadFixedString(Hash32.Length));
        var bloom = fields.ReadFixedString(Bloom.Length).ToArray();
        var difficulty = fields.ReadBigInteger(32);
        var number = fields.ReadUInt64();
        var gasLimit = fields.ReadUInt64();
        var gasUsed = fields.ReadUInt64();
        var timestamp = fields.ReadUInt64();
        var extra = fields.ReadString();
        if (extra.Length > MaxExtraDataLength)
        {
            throw new L2FormatException($"extraData is limited to {MaxExtraDataLength} bytes, got {extra.Length}.");
        }

        var extraData = extra.ToArray();
        var mixHash = new Hash32(fields.ReadFixedString(Hash32.Length));
        var nonce = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(fields.ReadFixedString(8));
        var header = new L2BlockHeader
        {
            ParentHash = parentHash,
            OmmersHash = ommersHash,
            Coinbase = coinbase,
            StateRoot = stateRoot,
            TransactionsRoot = transactionsRoot,
            ReceiptsRoot = receiptsRoot,
            LogsBloom = new Bloom(bloom),
            Difficulty = difficulty,
            Number = number,
            GasLimit = gasLimit,
            GasUsed = gasUsed,
            Timestamp = timestamp,
            ExtraData = extraData,
            MixHash = mixHash,
            Nonce = nonce,
        };

        var count = MandatoryFieldCount;
        if (fields.HasMore)
        {
            header = header with { BaseFeePerGas = fields.ReadBigInteger(32) };
            count++;
        }

        if (fields.HasMore)
        {
            header = header with { WithdrawalsRoot = new Hash32(fields.ReadFixedString(Hash32.Length)) };
            count++;
        }

        if (fields.HasMore)
        {
            header = header with { BlobGasUsed = fields.ReadUInt64() };
            count++;
        }

        if (fields.HasMore)
        {
            header = header with { ExcessBlobGas = fields.ReadUInt64() };
            count++;
        }

        if (fields.HasMore)
        {
            header = header with { ParentBeaconBlockRoot = new Hash32(fields.ReadFixedString(Hash32.Length)) };
            count++;
        }

        if (fields.HasMore)
        {
            throw new L2FormatException($"A block header has at most {MaxFieldCount} fields (found more than {count}).");
        }

        return header;
    }

    public bool Equals(L2BlockHeader? other) =>
        other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => HashCode.Combine(ParentHash, StateRoot, Number, Timestamp);
}
