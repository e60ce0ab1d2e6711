using System.Numerics;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiPackedTests
{
    [Fact]
    public void ElementaryTypes_UseTheirNaturalWidth()
    {
        var types = AbiType.ParseList("uint8,int32,address,bool,bytes3,bytes,string,uint256");
        var packed = AbiPacked.Encode(types, [
            0xab, -2, Address.Parse("0x0123456789012345678901234567890123456789"), true,
            new byte[] { 1, 2, 3 }, new byte[] { 9 }, "A", BigInteger.One,
        ]);
        Assert.Equal(Hex("ab" + "fffffffe" + "0123456789012345678901234567890123456789" + "01" + "010203" + "09" + "41" + Word(1)), packed);
    }

    [Fact]
    public void ArrayElements_ArePaddedTo32BytesWithoutLength()
    {
        var packed = AbiPacked.Encode(AbiType.ParseList("int8[],bytes2[1],bool[2][]"), [
            new object?[] { -1, 2 }, new object?[] { new byte[] { 0xab, 0xcd } }, new object?[] { new object?[] { true, false } },
        ]);
        Assert.Equal(Hex(new string('f', 64) + Word(2) + "abcd".PadRight(64, '0') + Word(1) + Word(0)), packed);
    }

    [Theory]
    [InlineData("(uint256,bool)")]
    [InlineData("(uint256)[]")]
    [InlineData("string[]")]
    [InlineData("bytes[2]")]
    public void UnsupportedTypes_AreRejected(string type)
    {
        var abiType = AbiType.Parse(type);
        object? value = abiType switch
        {
            TupleType => new object?[] { 1, true },
            ArrayType { Element: TupleType } => new object?[] { new object?[] { 1 } },
            ArrayType => new object?[] { "a" },
            _ => new object?[] { new byte[1], new byte[1] },
        };
        Assert.Throws<AbiException>(() => AbiPacked.Encode([abiType], [value]));
    }

    [Fact]
    public void RangeChecksStillApply() =>
        Assert.Throws<AbiException>(() => AbiPacked.Encode([AbiType.Parse("uint8")], [256]));
}
