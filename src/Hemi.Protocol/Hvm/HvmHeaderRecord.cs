using System.Buffers.Binary;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;

namespace Hemi.Protocol.Hvm;

/// <summary>
/// A Bitcoin header at a height, as the hVM header precompiles (0x44, 0x45) return it: 116 bytes
/// <c>height u32 ‖ block hash (display) ‖ version u32 ‖ prev hash (display) ‖ merkle root (display) ‖ time u32 ‖ bits u32 ‖ nonce u32</c>,
/// all integers big-endian.
/// </summary>
public sealed record HvmHeaderRecord(uint Height, BlockHeader Header)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 116;

    public BlockHeader Header { get; } = Header ?? throw new ArgumentNullException(nameof(Header));

    /// <summary>The block hash of <see cref="Header"/>.</summary>
    public Hash256 Hash => Header.GetHash();

    /// <summary>The 116-byte precompile encoding.</summary>
    public byte[] Encode()
    {
        var output = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(output, Height);
        Hash.ToDisplayBytes().CopyTo(output, 4);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(36), unchecked((uint)Header.Version));
        Header.PrevBlock.ToDisplayBytes().CopyTo(output, 40);
        Header.MerkleRoot.ToDisplayBytes().CopyTo(output, 72);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(104), Header.Time);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(108), Header.Bits);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(112), Header.Nonce);
        return output;
    }

    /// <summary>Decodes a 116-byte record and checks that the embedded block hash is the header's hash.</summary>
    /// <exception cref="HvmFormatException">Wrong length or a block hash that does not match the header fields.</exception>
    public static HvmHeaderRecord Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Size)
        {
            throw new HvmFormatException($"An hVM header record is {Size} bytes, got {encoded.Length}.");
        }

        var header = new BlockHeader(
            unchecked((int)BinaryPrimitives.ReadUInt32BigEndian(encoded[36..])),
            Hash256.FromDisplay(encoded.Slice(40, 32)),
            Hash256.FromDisplay(encoded.Slice(72, 32)),
            BinaryPrimitives.ReadUInt32BigEndian(encoded[104..]),
            BinaryPrimitives.ReadUInt32BigEndian(encoded[108..]),
            BinaryPrimitives.ReadUInt32BigEndian(encoded[112..]));
        if (header.GetHash() != Hash256.FromDisplay(encoded.Slice(4, 32)))
        {
            throw new HvmFormatException("The record's block hash is not the hash of its header fields.");
        }

        return new HvmHeaderRecord(BinaryPrimitives.ReadUInt32BigEndian(encoded), header);
    }
}
