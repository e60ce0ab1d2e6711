using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Tests.Rlp;

public sealed class RlpDecoderHostileInputTests
{
    [Theory]
    [InlineData("fff000000000000000")] // list claiming ~2^63 payload bytes
    [InlineData("ff1000000000000000")] // list claiming 2^60 bytes
    [InlineData("bf1000000000000000")] // string claiming 2^60 bytes
    [InlineData("bbffffffff")] // string claiming 4 GiB
    [InlineData("fbffffffff")] // list claiming 4 GiB
    public void Decode_HugeDeclaredLength_ThrowsWithoutAllocating(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<RlpException>(() => RlpCodec.Decode(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a hostile length prefix");
    }

    [Fact]
    public void Reader_HugeListLength_ThrowsOnEnter()
    {
        var bytes = Convert.FromHexString("ff1000000000000000c0");
        var ex = Record.Exception(() =>
        {
            var reader = new RlpReader(bytes);
            _ = reader.EnterList();
        });
        Assert.IsType<RlpException>(ex);
    }

    [Fact]
    public void Decode_NestingAtLimit_Succeeds()
    {
        var encoded = Nested(RlpCodec.MaxDepth);
        var item = RlpCodec.Decode(encoded);
        Assert.IsType<RlpList>(item);
    }

    [Fact]
    public void Decode_NestingBeyondLimit_Throws()
    {
        Assert.Throws<RlpException>(() => RlpCodec.Decode(Nested(RlpCodec.MaxDepth + 1)));
    }

    [Fact]
    public void Decode_VeryDeepNesting_ThrowsInsteadOfOverflowingTheStack()
    {
        Assert.Throws<RlpException>(() => RlpCodec.Decode(DeeplyNested(100_000)));
    }

    [Theory]
    [InlineData("")] // nothing
    [InlineData("8100")] // single byte 0x00 with a prefix
    [InlineData("817f")] // single byte 0x7f with a prefix
    [InlineData("b800")] // long form for an empty string
    [InlineData("b837" + "00")] // long form for 55 bytes (truncated too)
    [InlineData("8001")] // trailing byte
    [InlineData("c0c0")] // trailing list
    [InlineData("83616263ff")] // trailing garbage
    [InlineData("c4616263")] // list payload longer than the input
    [InlineData("c2826162")] // list payload cuts an item in half
    public void Decode_NonCanonicalTruncatedOrTrailing_Throws(string hex)
    {
        Assert.Throws<RlpException>(() => RlpCodec.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_EveryTruncationOfAValidEncoding_Throws()
    {
        var item = new RlpList(
            new RlpString(new byte[70]),
            new RlpList(new RlpString([1, 2, 3]), new RlpString([0x7f])),
            new RlpString([]));
        var encoded = RlpCodec.Encode(item);
        for (var cut = 0; cut < encoded.Length; cut++)
        {
            var truncated = encoded[..cut];
            Assert.Throws<RlpException>(() => RlpCodec.Decode(truncated));
        }

        Assert.Equal(item, RlpCodec.Decode(encoded));
    }

    [Theory]
    [InlineData("00")] // zero must be the empty string
    [InlineData("820001")] // leading zero
    [InlineData("89010000000000000000")] // 9 bytes
    [InlineData("c0")] // a list
    public void ReadUInt64_RejectsNonCanonicalIntegers(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var ex = Record.Exception(() =>
        {
            var reader = new RlpReader(bytes);
            _ = reader.ReadUInt64();
        });
        Assert.IsType<RlpException>(ex);
    }

    [Theory]
    [InlineData("80", 0UL)]
    [InlineData("01", 1UL)]
    [InlineData("7f", 127UL)]
    [InlineData("8180", 128UL)]
    [InlineData("820400", 1024UL)]
    [InlineData("88ffffffffffffffff", ulong.MaxValue)]
    public void ReadUInt64_ReadsCanonicalIntegers(string hex, ulong expected)
    {
        var reader = new RlpReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadUInt64());
        Assert.False(reader.HasMore);
        Assert.Equal(Convert.FromHexString(hex), RlpCodec.EncodeUInt64(expected));
    }

    [Fact]
    public void ReadBigInteger_RejectsMoreThan32Bytes()
    {
        var encoded = RlpCodec.EncodeString(Enumerable.Repeat((byte)0xFF, 33).ToArray());
        var ex = Record.Exception(() =>
        {
            var reader = new RlpReader(encoded);
            _ = reader.ReadBigInteger();
        });
        Assert.IsType<RlpException>(ex);
    }

    [Fact]
    public void Reader_ReadRaw_ReturnsWholeItemsInOrder()
    {
        var first = RlpCodec.EncodeString(new byte[60]);
        var second = RlpCodec.EncodeList(RlpCodec.EncodeUInt64(5), RlpCodec.EncodeString([]));
        var list = RlpCodec.EncodeList(first, second);
        var reader = new RlpReader(list);
        Assert.True(reader.IsList);
        var inner = reader.EnterList();
        Assert.False(reader.HasMore);
        Assert.Equal(first, inner.ReadRaw().ToArray());
        Assert.True(inner.IsList);
        Assert.Equal(second, inner.ReadRaw().ToArray());
        Assert.False(inner.HasMore);
    }

    private static byte[] Nested(int depth)
    {
        var encoded = new byte[] { 0xC0 };
        for (var i = 1; i < depth; i++)
        {
            encoded = RlpCodec.EncodeList(encoded);
        }

        return encoded;
    }

    // A valid chain of `depth` nested lists ending in an empty list, built without the codec's recursion.
    private static byte[] DeeplyNested(int depth)
    {
        var payloads = new int[depth];
        var size = 1; // the innermost 0xc0
        for (var level = depth - 1; level >= 1; level--)
        {
            payloads[level - 1] = size;
            size += RlpCodec.HeaderLength(size);
        }

        var result = new byte[size];
        var position = 0;
        for (var level = 0; level < depth - 1; level++)
        {
            var header = LongOrShortHeader(payloads[level]);
            header.CopyTo(result, position);
            position += header.Length;
        }

        result[position] = 0xC0;
        return result;
    }

    private static byte[] LongOrShortHeader(int payload)
    {
        if (payload < 56)
        {
            return [(byte)(0xC0 + payload)];
        }

        var bytes = BitConverter.GetBytes(payload).Reverse().SkipWhile(b => b == 0).ToArray();
        return [(byte)(0xF7 + bytes.Length), .. bytes];
    }
}
