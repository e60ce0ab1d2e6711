using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Grains.L2.Storage;

namespace Hemi.Grains.Tests.L2;

public sealed class HashIndexSegmentCodecTests
{
    private static Hash32 HashOf(string text) => new(Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text)));

    private static HashIndexSegment Sample(ulong first, params int[] transactionCounts) =>
        new(transactionCounts
            .Select((count, i) => new HashIndexedBlock(
                first + (ulong)i,
                HashOf($"block {first + (ulong)i}"),
                Enumerable.Range(0, count).Select(t => HashOf($"tx {first + (ulong)i}/{t}")).ToArray()))
            .ToArray());

    private static void AssertSame(HashIndexSegment expected, HashIndexSegment actual)
    {
        Assert.Equal(expected.First, actual.First);
        Assert.Equal(expected.Last, actual.Last);
        Assert.Equal(expected.Blocks.Count, actual.Blocks.Count);
        for (var i = 0; i < expected.Blocks.Count; i++)
        {
            Assert.Equal(expected.Blocks[i].Number, actual.Blocks[i].Number);
            Assert.Equal(expected.Blocks[i].Hash, actual.Blocks[i].Hash);
            Assert.Equal(expected.Blocks[i].TransactionHashes, actual.Blocks[i].TransactionHashes);
        }
    }

    [Fact]
    public void Segment_RoundTrips_WithEmptyAndFullBlocks()
    {
        var segment = Sample(101, 1, 0, 5, 2);
        var decoded = HashIndexSegmentCodec.Decode(HashIndexSegmentCodec.Encode(segment));
        AssertSame(segment, decoded);
        Assert.Equal(101ul, decoded.First);
        Assert.Equal(104ul, decoded.Last);
    }

    [Fact]
    public void Segment_RoundTrips_ForRandomShapes()
    {
        var shapes = ArbMap.Default.ArbFor<(uint First, byte[] Counts)>().Filter(s => s.Counts.Length > 0 && s.First > 0);
        Prop.ForAll(shapes, shape =>
            {
                var segment = Sample(shape.First, shape.Counts.Select(c => c % 9).ToArray());
                var decoded = HashIndexSegmentCodec.Decode(HashIndexSegmentCodec.Encode(segment));
                AssertSame(segment, decoded);
                return true;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Segment_RejectsNonContiguousBlocks()
    {
        var blocks = new[] { new HashIndexedBlock(1, HashOf("a"), []), new HashIndexedBlock(3, HashOf("b"), []) };
        Assert.Throws<ArgumentException>(() => new HashIndexSegment(blocks));
        Assert.Throws<ArgumentException>(() => new HashIndexSegment([]));
    }

    [Fact]
    public void Decode_RejectsAnyFlippedBit_ByTheChecksum()
    {
        var encoded = HashIndexSegmentCodec.Encode(Sample(7, 2, 1));
        for (var i = 0; i < encoded.Length; i++)
        {
            var damaged = (byte[])encoded.Clone();
            damaged[i] ^= 0x10;
            Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(damaged));
        }
    }

    [Fact]
    public void Decode_RejectsTruncatedAndExtendedObjects()
    {
        var encoded = HashIndexSegmentCodec.Encode(Sample(7, 2, 1));
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(encoded.AsSpan(0, length)));
        }

        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode([.. encoded, 0]));
    }

    [Fact]
    public void Decode_RejectsHugeCounts_WithAValidChecksum_BeforeAllocating()
    {
        // A well-formed checksum over lying counts: the bounds, not the checksum, must stop them.
        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(Resealed(Sample(1, 1), body => BinaryPrimitives.WriteInt32BigEndian(body[9..], int.MaxValue))));
        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(Resealed(Sample(1, 1), body => BinaryPrimitives.WriteInt32BigEndian(body[(13 + 32)..], 1 << 19))));
        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(Resealed(Sample(1, 1), body => BinaryPrimitives.WriteInt32BigEndian(body[(13 + 32)..], -1))));
        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(Resealed(Sample(1, 1), body => BinaryPrimitives.WriteUInt64BigEndian(body[1..], 0))));
        Assert.Throws<L2StorageFormatException>(() => HashIndexSegmentCodec.Decode(Resealed(Sample(1, 1), body => BinaryPrimitives.WriteUInt64BigEndian(body[1..], ulong.MaxValue))));
    }

    [Fact]
    public void Decode_Garbage_ThrowsOnlyTheTypedException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), garbage =>
            {
                foreach (var candidate in new[] { garbage, [HashIndexSegmentCodec.Version, .. garbage], Checksummed([HashIndexSegmentCodec.Version, .. garbage]) })
                {
                    try
                    {
                        HashIndexSegmentCodec.Decode(candidate);
                    }
                    catch (L2StorageFormatException)
                    {
                    }
                }

                return true;
            })
            .QuickCheckThrowOnFailure();
    }

    private static byte[] Resealed(HashIndexSegment segment, SpanAction edit)
    {
        var encoded = HashIndexSegmentCodec.Encode(segment);
        var body = encoded[..^32];
        edit(body);
        return Checksummed(body);
    }

    private static byte[] Checksummed(byte[] body) => [.. body, .. Keccak256.Hash(body)];

    private delegate void SpanAction(Span<byte> body);
}
