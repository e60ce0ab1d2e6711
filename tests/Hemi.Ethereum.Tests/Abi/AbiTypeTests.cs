using Hemi.Ethereum.Abi;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiTypeTests
{
    [Theory]
    [InlineData("uint", "uint256")]
    [InlineData("int", "int256")]
    [InlineData("uint8", "uint8")]
    [InlineData("int24", "int24")]
    [InlineData("byte", "bytes1")]
    [InlineData("bytes32", "bytes32")]
    [InlineData("address payable", "address")]
    [InlineData("fixed", "fixed128x18")]
    [InlineData("ufixed", "ufixed128x18")]
    [InlineData("fixed64x10", "fixed64x10")]
    [InlineData("function", "function")]
    [InlineData("tuple(uint256,bytes)", "(uint256,bytes)")]
    [InlineData("(uint256 amount, (bytes data, string name)[2] items)[]", "(uint256,(bytes,string)[2])[]")]
    [InlineData(" ( uint , int ) [ 3 ] [ ] ", "(uint256,int256)[3][]")]
    [InlineData("()", "()")]
    [InlineData("uint256[2][][3]", "uint256[2][][3]")]
    public void Parse_GivesCanonicalName(string text, string canonical)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(canonical, type.CanonicalName);
        Assert.Equal(type, AbiType.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("uint7")]
    [InlineData("uint0")]
    [InlineData("uint264")]
    [InlineData("uint08")]
    [InlineData("int-8")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("bytes01")]
    [InlineData("fixed128x0")]
    [InlineData("fixed128x81")]
    [InlineData("fixed7x2")]
    [InlineData("uint256[")]
    [InlineData("uint256[0]")]
    [InlineData("uint256[-1]")]
    [InlineData("uint256[01]")]
    [InlineData("uint256[99999999999]")]
    [InlineData("uint256[1000000000]")]
    [InlineData("(uint256")]
    [InlineData("(uint256,)")]
    [InlineData("(,)")]
    [InlineData("uint256)")]
    [InlineData("tuple")]
    [InlineData("foo")]
    [InlineData("()[]")]
    [InlineData("(())[2]")]
    [InlineData("uint256 indexed")]
    [InlineData("uint256 a b")]
    public void Parse_RejectsMalformedTypes(string text)
    {
        Assert.Throws<AbiException>(() => AbiType.Parse(text));
        Assert.False(AbiType.TryParse(text, out _));
    }

    [Fact]
    public void Parse_RejectsExcessiveNestingWithoutStackOverflow()
    {
        Assert.Throws<AbiException>(() => AbiType.Parse(new string('(', 100_000) + "uint256" + new string(')', 100_000)));
        Assert.Throws<AbiException>(() => AbiType.Parse("uint256" + string.Concat(Enumerable.Repeat("[]", 100))));
        var deepest = "uint256" + string.Concat(Enumerable.Repeat("[]", AbiType.MaxDepth - 1));
        Assert.Equal(AbiType.MaxDepth, AbiType.Parse(deepest).Depth);
    }

    [Theory]
    [InlineData("uint256", false, 32)]
    [InlineData("bytes", true, 32)]
    [InlineData("string", true, 32)]
    [InlineData("uint256[]", true, 32)]
    [InlineData("uint256[3]", false, 96)]
    [InlineData("string[3]", true, 32)]
    [InlineData("(uint256,bool,address)", false, 96)]
    [InlineData("(uint256,bytes)", true, 32)]
    [InlineData("(uint256,(bool,bytes32)[2])[4]", false, 640)]
    [InlineData("()", false, 0)]
    public void IsDynamicAndHeadSize_FollowTheSpecification(string text, bool dynamic, int headSize)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(headSize, type.HeadSize);
    }

    [Fact]
    public void TupleComponents_KeepNamesButCompareByType()
    {
        var named = (TupleType)AbiType.Parse("(address owner, uint256 amount)");
        Assert.Equal(["owner", "amount"], named.Components.Select(c => c.Name));
        Assert.Equal(AbiType.Parse("(address,uint256)"), named);
        Assert.Equal(AbiType.Parse("(address,uint256)").GetHashCode(), named.GetHashCode());
        Assert.NotEqual(AbiType.Parse("(address,uint128)"), named);
    }

    [Fact]
    public void ParseList_SplitsTopLevelCommasOnly()
    {
        var types = AbiType.ParseList("uint256, (bytes,string)[], bool");
        Assert.Equal(["uint256", "(bytes,string)[]", "bool"], types.Select(t => t.CanonicalName));
        Assert.Empty(AbiType.ParseList("  "));
    }

    [Fact]
    public void Constructors_RejectInvalidWidths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UIntType(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntType(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedBytesType(33));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedArrayType(AbiType.UInt256, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedArrayType(AbiType.UInt256, AbiType.MaxStaticSize));
    }
}
