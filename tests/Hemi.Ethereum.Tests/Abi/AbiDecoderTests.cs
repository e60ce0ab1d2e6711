using System.Numerics;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiDecoderTests
{
    private static readonly string Max = new('f', 64);

    [Theory]
    [InlineData("uint8", "00000000000000000000000000000000000000000000000000000000000000ff", 255)]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80", -128)]
    [InlineData("int8", "000000000000000000000000000000000000000000000000000000000000007f", 127)]
    [InlineData("int256", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", -1)]
    [InlineData("int16", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe", -2)]
    public void Integers_DecodeWithSignExtension(string type, string hex, long expected)
    {
        Assert.Equal(new BigInteger(expected), AbiDecoder.Decode(AbiType.Parse(type), Hex(hex)));
        Assert.Equal(Hex(hex), AbiEncoder.Encode(AbiType.Parse(type), new BigInteger(expected)));
    }

    [Theory]
    [InlineData("uint8", "0000000000000000000000000000000000000000000000000000000000000100")]
    [InlineData("uint248", "0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("int8", "0000000000000000000000000000000000000000000000000000000000000080")]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("int8", "00000000000000000000000000000000000000000000000000000000000001ff")]
    [InlineData("address", "0000000000000000000000010000000000000000000000000000000000000000")]
    [InlineData("bool", "0000000000000000000000000000000000000000000000000000000000000002")]
    [InlineData("bool", "0100000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("bytes1", "1200000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("bytes31", "00000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("function", "0000000000000000000000000000000000000000000000000100000000000000")]
    public void DirtyPadding_IsRejected(string type, string hex) =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse(type), Hex(hex)));

    [Fact]
    public void BytesPadding_MustBeZeroAndPresent()
    {
        var good = Hex(Word(0x20) + Word(3) + "616263".PadRight(64, '0'));
        Assert.Equal("abc"u8.ToArray(), AbiDecoder.Decode(AbiType.Bytes, good));
        var dirty = (byte[])good.Clone();
        dirty[^1] = 1;
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, dirty));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, good[..^1]));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, good[..(64 + 3)]));
    }

    [Theory]
    [InlineData("bytes")]
    [InlineData("string")]
    [InlineData("uint256[]")]
    [InlineData("(uint256,bytes)[]")]
    public void HugeLengthsAndOffsets_AreAbiExceptionsNotAllocations(string type)
    {
        var abiType = AbiType.Parse(type);
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Word(0x20) + Max)));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Word(0x20) + "8" + new string('0', 63))));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Word(0x20) + Word(0x7fffffff))));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Max)));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Word(0x40))));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(abiType, Hex(Word(0x7fffffff))));
    }

    [Fact]
    public void TruncatedStaticData_IsRejected()
    {
        var types = AbiType.ParseList("uint256,address,bool");
        var encoded = AbiEncoder.Encode(types, [1, Address.Zero, true]);
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<AbiException>(() => AbiDecoder.Decode(types, encoded.AsSpan(0, length)));
        }
    }

    [Fact]
    public void AliasedOffsets_CannotAmplifyWork()
    {
        // 2000 heads of a bytes[] all pointing at one 64 KiB byte string: canonical data of this size could not
        // hold 2000 such strings, so the budget stops decoding long before 128 MiB would be copied.
        const int count = 2000;
        var blob = 64 * 1024;
        var words = new List<string> { Word(0x20), Word(count) };
        var shared = 32 * count;
        words.AddRange(Enumerable.Repeat(Word(shared), count));
        words.Add(Word(blob));
        var data = Hex(string.Concat(words)).Concat(new byte[blob]).ToArray();
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse("bytes[]"), data));
    }

    [Fact]
    public void NonCanonicalButInBoundsOffsets_AreAccepted()
    {
        // Both strings share one tail, as a hand-written encoder may do; Solidity accepts this too.
        var data = Hex(Word(0x40) + Word(0x40) + Word(2) + TextWord("hi"));
        AssertDeepEqual(new object?[] { "hi", "hi" }, AbiDecoder.Decode(AbiType.ParseList("string,string"), data));
    }

    [Fact]
    public void DecodeStrict_RejectsAliasedOffsetsAndTrailingBytes()
    {
        var types = AbiType.ParseList("string,string");
        var canonical = AbiEncoder.Encode(types, ["hi", "hi"]);
        AssertDeepEqual(new object?[] { "hi", "hi" }, AbiDecoder.DecodeStrict(types, canonical));
        Assert.Throws<AbiException>(() => AbiDecoder.DecodeStrict(types, Hex(Word(0x40) + Word(0x40) + Word(2) + TextWord("hi"))));
        Assert.Throws<AbiException>(() => AbiDecoder.DecodeStrict(types, canonical.Concat(new byte[32]).ToArray()));
    }

    [Fact]
    public void InvalidUtf8_IsRejected()
    {
        var data = Hex(Word(0x20) + Word(2) + "c328".PadRight(64, '0'));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.String, data));
    }

    [Fact]
    public void TrailingBytes_AreIgnored()
    {
        var data = Hex(Word(7) + "ff");
        Assert.Equal(new BigInteger(7), AbiDecoder.Decode(AbiType.UInt256, data));
    }

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint8", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    [InlineData("uint16", 65536)]
    public void OutOfRangeValues_AreRejectedOnEncode(string type, int value) =>
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));

    [Fact]
    public void WrongValueShapes_AreRejectedOnEncode()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, BigInteger.One << 256));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, "1x"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, "0x"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, "1e5"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, "0x" + new string('1', 100)));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Bool, 1));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Bytes32, new byte[31]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8[2]"), new object?[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("(uint8,bool)"), new object?[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Address, "0x1234"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode([AbiType.Bool], []));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.String, null));
    }

    [Fact]
    public void AlternativeValueShapes_AreAcceptedOnEncode()
    {
        var type = AbiType.Parse("(address,uint64,bytes,bool[])");
        var canonical = AbiEncoder.Encode(type, new object?[]
        {
            Address.Parse("0x00000000000000000000000000000000000000aa"), new BigInteger(5), new byte[] { 1 }, new object?[] { true },
        });
        var alternative = AbiEncoder.Encode(type, ("0x00000000000000000000000000000000000000AA", 5UL, new ReadOnlyMemory<byte>([1]), new List<bool> { true }));
        Assert.Equal(canonical, alternative);
    }

    [Theory]
    [InlineData("int256", "-0x2b", -0x2b)]
    [InlineData("int256", "-43", -43)]
    [InlineData("uint256", "0xFF", 255)]
    [InlineData("uint256", "255", 255)]
    public void IntegerText_IsAcceptedAsDecimalOrHex(string type, string text, long expected) =>
        Assert.Equal(AbiEncoder.Encode(AbiType.Parse(type), expected), AbiEncoder.Encode(AbiType.Parse(type), text));

    [Fact]
    public void FixedPoint_EncodesScaledIntegers()
    {
        var type = AbiType.Parse("fixed128x18");
        var encoded = AbiEncoder.Encode(type, -1.5m);
        Assert.Equal(new BigInteger(-1_500_000_000_000_000_000), AbiDecoder.Decode(type, encoded));
        Assert.Equal(encoded, AbiEncoder.Encode(type, new BigInteger(-1_500_000_000_000_000_000)));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("ufixed8x1"), -0.1m));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("ufixed16x1"), 0.05m));
    }
}
