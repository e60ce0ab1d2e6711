using System.Buffers.Binary;

namespace Hemi.Bitcoin.Headers;

/// <summary>
/// The 80-byte Bitcoin block header. Immutable; its hash (double SHA-256 of the 80 bytes) is computed once on demand.
/// </summary>
public sealed class BlockHeader : IEquatable<BlockHeader>
{
    /// <summary>Serialized size of a header.</summary>
    public const int Size = 80;

    private Hash256 _hash;
    private bool _hashComputed;

    public BlockHeader(int version, Hash256 prevBlock, Hash256 merkleRoot, uint time, uint bits, uint nonce)
    {
        Version = version;
        PrevBlock = prevBlock;
        MerkleRoot = merkleRoot;
        Time = time;
        Bits = bits;
        Nonce = nonce;
    }

    public int Version { get; }

    public Hash256 PrevBlock { get; }

    public Hash256 MerkleRoot { get; }

    /// <summary>Block timestamp, seconds since the Unix epoch.</summary>
    public uint Time { get; }

    /// <summary>Difficulty target in compact form.</summary>
    public uint Bits { get; }

    public uint Nonce { get; }

    /// <summary>Parses exactly 80 bytes.</summary>
    public static BlockHeader Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != Size)
        {
            throw new BitcoinFormatException($"A block header is {Size} bytes, got {raw.Length}.");
        }

        var reader = new BitcoinReader(raw);
        return Parse(ref reader);
    }

    /// <summary>Parses a header from hex (160 characters).</summary>
    public static BlockHeader ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Size * 2)
        {
            throw new BitcoinFormatException($"A block header is {Size * 2} hex characters, got {hex.Length}.");
        }

        Span<byte> raw = stackalloc byte[Size];
        if (Convert.FromHexString(hex, raw, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new BitcoinFormatException("Invalid hex in block header.");
        }

        return Parse(raw);
    }

    /// <summary>Reads the next 80 bytes from <paramref name="reader"/>; the hash is taken from those bytes.</summary>
    public static BlockHeader Parse(ref BitcoinReader reader)
    {
        var raw = reader.ReadBytes(Size);
        var header = new BlockHeader(
            BinaryPrimitives.ReadInt32LittleEndian(raw),
            Hash256.FromInternal(raw.Slice(4, 32)),
            Hash256.FromInternal(raw.Slice(36, 32)),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[68..]),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[72..]),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[76..]));
        return header;
    }

    /// <summary>Writes the 80 serialized bytes to <paramref name="dest"/>.</summary>
    public void WriteTo(Span<byte> dest)
    {
        if (dest.Length < Size)
        {
            throw new ArgumentException($"Destination needs {Size} bytes.", nameof(dest));
        }

        BinaryPrimitives.WriteInt32LittleEndian(dest, Version);
        PrevBlock.WriteInternal(dest[4..]);
        MerkleRoot.WriteInternal(dest[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[68..], Time);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[72..], Bits);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[76..], Nonce);
    }

    public void WriteTo(BitcoinWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> raw = stackalloc byte[Size];
        WriteTo(raw);
        writer.WriteBytes(raw);
    }

    public byte[] ToBytes()
    {
        var raw = new byte[Size];
        WriteTo(raw);
        return raw;
    }

    /// <summary>The block hash: double SHA-256 of the serialized header (cached).</summary>
    public Hash256 GetHash()
    {
        if (!Volatile.Read(ref _hashComputed))
        {
            Span<byte> raw = stackalloc byte[Size];
            WriteTo(raw);
            _hash = Hash256.DoubleSha256(raw);
            // A racing thread computes the same value; the volatile write publishes the hash before the flag.
            Volatile.Write(ref _hashComputed, true);
        }

        return _hash;
    }

    /// <summary>Returns a copy with a different nonce (handy for mining tests).</summary>
    public BlockHeader WithNonce(uint nonce) => new(Version, PrevBlock, MerkleRoot, Time, Bits, nonce);

    public bool Equals(BlockHeader? other) =>
        other is not null
        && Version == other.Version
        && PrevBlock == other.PrevBlock
        && MerkleRoot == other.MerkleRoot
        && Time == other.Time
        && Bits == other.Bits
        && Nonce == other.Nonce;

    public override bool Equals(object? obj) => obj is BlockHeader other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Version, PrevBlock, MerkleRoot, Time, Bits, Nonce);

    public override string ToString() => GetHash().ToString();
}
