using System.Buffers.Binary;
using Hemi.Crypto;
using Hemi.Ethereum;

namespace Hemi.Grains.L2.Storage;

/// <summary>
/// The stored form of a <see cref="HashIndexSegment"/>:
/// <c>0x01 ‖ first (8) ‖ blockCount (4) ‖ [blockHash (32) ‖ txCount (4) ‖ txHash (32)×txCount]×blockCount ‖ keccak256(everything before) (32)</c>,
/// integers big-endian. The trailing checksum turns a torn or bit-flipped object into a typed error instead of a wrong answer.
/// </summary>
public static class HashIndexSegmentCodec
{
    public const byte Version = 1;

    /// <summary>A segment covers at most this many blocks (a snapshot interval is far smaller).</summary>
    public const int MaxBlocks = 1 << 20;

    private const int HeaderSize = 1 + 8 + 4;
    private const int ChecksumSize = 32;

    public static byte[] Encode(HashIndexSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Blocks.Count > MaxBlocks)
        {
            throw new ArgumentException($"A segment covers at most {MaxBlocks} blocks.", nameof(segment));
        }

        long size = HeaderSize + ChecksumSize;
        foreach (var block in segment.Blocks)
        {
            if (block.TransactionHashes.Count > SealedBlockCodec.MaxTransactions)
            {
                throw new ArgumentException($"Block {block.Number} has more than {SealedBlockCodec.MaxTransactions} transactions.", nameof(segment));
            }

            size += Hash32.Length + 4 + ((long)Hash32.Length * block.TransactionHashes.Count);
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(span[1..], segment.First);
        BinaryPrimitives.WriteInt32BigEndian(span[9..], segment.Blocks.Count);
        var offset = HeaderSize;
        foreach (var block in segment.Blocks)
        {
            block.Hash.AsSpan().CopyTo(span[offset..]);
            offset += Hash32.Length;
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], block.TransactionHashes.Count);
            offset += 4;
            foreach (var hash in block.TransactionHashes)
            {
                hash.AsSpan().CopyTo(span[offset..]);
                offset += Hash32.Length;
            }
        }

        Keccak256.Hash(span[..offset], span[offset..]);
        return bytes;
    }

    /// <exception cref="L2StorageFormatException">Truncated, oversized, a wrong checksum or an unknown version.</exception>
    public static HashIndexSegment Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize + ChecksumSize)
        {
            throw new L2StorageFormatException($"A hash index segment is at least {HeaderSize + ChecksumSize} bytes, got {encoded.Length}.");
        }

        if (encoded[0] != Version)
        {
            throw new L2StorageFormatException($"Unknown hash index segment version {encoded[0]}.");
        }

        var body = encoded[..^ChecksumSize];
        Span<byte> checksum = stackalloc byte[ChecksumSize];
        Keccak256.Hash(body, checksum);
        if (!checksum.SequenceEqual(encoded[^ChecksumSize..]))
        {
            throw new L2StorageFormatException("The hash index segment's checksum does not match its contents.");
        }

        var first = BinaryPrimitives.ReadUInt64BigEndian(body[1..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(body[9..]);
        if (count <= 0 || count > MaxBlocks)
        {
            throw new L2StorageFormatException($"A hash index segment covers 1..{MaxBlocks} blocks, not {count}.");
        }

        if (first == 0 || first > ulong.MaxValue - (ulong)count)
        {
            throw new L2StorageFormatException($"A hash index segment cannot start at block {first}.");
        }

        // Every block takes at least 36 bytes: bound the count by what is there before allocating for it.
        var offset = HeaderSize;
        if ((long)count * (Hash32.Length + 4) > body.Length - offset)
        {
            throw new L2StorageFormatException($"A hash index segment of {count} blocks cannot fit in {body.Length} bytes.");
        }

        var blocks = new HashIndexedBlock[count];
        for (var i = 0; i < count; i++)
        {
            if (body.Length - offset < Hash32.Length + 4)
            {
                throw new L2StorageFormatException($"The hash index segment ends inside block {first + (ulong)i}.");
            }

            var blockHash = new Hash32(body.Slice(offset, Hash32.Length));
            offset += Hash32.Length;
            var txCount = BinaryPrimitives.ReadInt32BigEndian(body[offset..]);
            offset += 4;
            if (txCount < 0 || txCount > SealedBlockCodec.MaxTransactions || (long)txCount * Hash32.Length > body.Length - offset)
            {
                throw new L2StorageFormatException($"Block {first + (ulong)i} of the hash index segment claims {txCount} transactions, more than the bytes left.");
            }

            var hashes = new Hash32[txCount];
            for (var t = 0; t < txCount; t++)
            {
                hashes[t] = new Hash32(body.Slice(offset, Hash32.Length));
                offset += Hash32.Length;
            }

            blocks[i] = new HashIndexedBlock(first + (ulong)i, blockHash, hashes);
        }

        if (offset != body.Length)
        {
            throw new L2StorageFormatException($"The hash index segment has {body.Length - offset} bytes after its last block.");
        }

        return new HashIndexSegment(blocks);
    }
}
