using System.Numerics;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

/// <summary>The worked examples of the Solidity ABI specification, written out word by word.</summary>
public sealed class AbiSpecificationExamplesTests
{
    [Fact]
    public void Baz_Uint32AndBool()
    {
        var baz = AbiFunction.Parse("function baz(uint32 x, bool y) public pure returns (bool r)");
        Assert.Equal("baz(uint32,bool)", baz.Signature);
        var expected = Hex("cdcd77c0" + Word(69) + Word(1));
        CheckCall(baz, expected, new BigInteger(69), true);
        Assert.Equal(StateMutability.Pure, baz.StateMutability);
        Assert.Equal(Hex(Word(1)), baz.EncodeReturn(true));
        Assert.Equal([true], baz.DecodeReturn(Hex(Word(1))));
    }

    [Fact]
    public void Bar_StaticArrayOfBytes3()
    {
        var bar = AbiFunction.Parse("function bar(bytes3[2] memory) public pure");
        var expected = Hex("fce353f6" + TextWord("abc") + TextWord("def"));
        // One argument that is itself an array: wrap it so C# does not spread it over the params list.
        CheckCall(bar, expected, [new object?[] { "abc"u8.ToArray(), "def"u8.ToArray() }]);
    }

    [Fact]
    public void Sam_BytesBoolAndDynamicArray()
    {
        var sam = AbiFunction.Parse("function sam(bytes memory, bool, uint[] memory) public pure");
        Assert.Equal("sam(bytes,bool,uint256[])", sam.Signature);
        var expected = Hex(
            "a5643bf2"
            + Word(0x60) + Word(1) + Word(0xa0)
            + Word(4) + TextWord("dave")
            + Word(3) + Word(1) + Word(2) + Word(3));
        CheckCall(sam, expected, "dave"u8.ToArray(), true, new object?[] { BigInteger.One, new BigInteger(2), new BigInteger(3) });
    }

    [Fact]
    public void F_MixedStaticAndDynamic()
    {
        var f = AbiFunction.Parse("f(uint256,uint32[],bytes10,bytes)");
        var expected = Hex(
            "8be65246"
            + Word(0x123) + Word(0x80) + TextWord("1234567890") + Word(0xe0)
            + Word(2) + Word(0x456) + Word(0x789)
            + Word(0xd) + TextWord("Hello, world!"));
        CheckCall(f, expected, new BigInteger(0x123), new object?[] { new BigInteger(0x456), new BigInteger(0x789) }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray());
    }

    [Fact]
    public void G_NestedDynamicArraysAndStrings()
    {
        var g = AbiFunction.Parse("g(uint256[][],string[])");
        var expected = Hex(
            "2289b18c"
            + Word(0x40) + Word(0x140)
            // [[1, 2], [3]]
            + Word(2) + Word(0x40) + Word(0xa0)
            + Word(2) + Word(1) + Word(2)
            + Word(1) + Word(3)
            // ["one", "two", "three"]
            + Word(3) + Word(0x60) + Word(0xa0) + Word(0xe0)
            + Word(3) + TextWord("one")
            + Word(3) + TextWord("two")
            + Word(5) + TextWord("three"));
        var numbers = new object?[]
        {
            new object?[] { BigInteger.One, new BigInteger(2) },
            new object?[] { new BigInteger(3) },
        };
        CheckCall(g, expected, numbers, new object?[] { "one", "two", "three" });
    }

    [Fact]
    public void PackedExample_Int16Bytes1Uint16String()
    {
        var types = AbiType.ParseList("int16,bytes1,uint16,string");
        var packed = AbiPacked.Encode(types, [-1, new byte[] { 0x42 }, 3, "Hello, world!"]);
        Assert.Equal(Hex("ffff42000348656c6c6f2c20776f726c6421"), packed);
    }

    [Fact]
    public void EncodeWithPlainDotNetIntegers_MatchesBigIntegers()
    {
        var f = AbiFunction.Parse("f(uint256,uint32[],bytes10,bytes)");
        var withInts = f.EncodeCall(0x123, new[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray());
        var withBig = f.EncodeCall(new BigInteger(0x123), new object?[] { new BigInteger(0x456), new BigInteger(0x789) }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray());
        Assert.Equal(withBig, withInts);
    }

    private static void CheckCall(AbiFunction function, byte[] expected, params object?[] arguments)
    {
        Assert.Equal(Convert.ToHexStringLower(expected[..4]), Convert.ToHexStringLower(function.Selector));
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(function.EncodeCall(arguments)));
        AssertDeepEqual(arguments, function.DecodeCall(expected));
    }
}
