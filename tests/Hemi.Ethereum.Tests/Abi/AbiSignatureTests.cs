using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiSignatureTests
{
    [Theory]
    [InlineData("transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("function transfer(address to, uint amount) external returns (bool)", "0xa9059cbb")]
    [InlineData("updateHvmState(bytes32,bytes[])", "0xc94f1cca")]
    [InlineData("mintPoPRewards(uint64,address[],uint256[])", "0x1725877d")]
    [InlineData("function mintPoPRewards(uint64 height, address[] calldata miners, uint[] calldata amounts)", "0x1725877d")]
    [InlineData("baz(uint32,bool)", "0xcdcd77c0")]
    public void Selector_IsKeccakOfCanonicalSignature(string text, string selector)
    {
        var function = AbiFunction.Parse(text);
        Assert.Equal(selector, function.SelectorHex);
        Assert.Equal(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(function.Signature))[..4], function.Selector.ToArray());
    }

    [Fact]
    public void HumanReadableFunction_KeepsNamesOutputsAndMutability()
    {
        var function = AbiFunction.Parse("function balanceOf(address owner) view returns (uint256)");
        Assert.Equal("balanceOf", function.Name);
        Assert.Equal("balanceOf(address)", function.Signature);
        Assert.Equal("owner", function.Inputs[0].Name);
        Assert.Equal(StateMutability.View, function.StateMutability);
        Assert.Equal([AbiType.UInt256], function.OutputTypes);
        Assert.Equal("function balanceOf(address owner) view returns (uint256)", function.ToString());
        Assert.Equal(function.Signature, AbiFunction.Parse(function.ToString()).Signature);
    }

    [Fact]
    public void TupleParameters_AppearExpandedInTheSignature()
    {
        var function = AbiFunction.Parse("function submit((address to, uint256 value, bytes data)[] calls, tuple(uint64,string) meta) payable");
        Assert.Equal("submit((address,uint256,bytes)[],(uint64,string))", function.Signature);
        Assert.Equal(StateMutability.Payable, function.StateMutability);
    }

    [Fact]
    public void DecodeReturn_ReadsOutputs()
    {
        var function = AbiFunction.Parse("function get() view returns (uint256 a, string b)");
        var data = function.EncodeReturn(new BigInteger(7), "seven");
        AssertDeepEqual(new object?[] { new BigInteger(7), "seven" }, function.DecodeReturn(data));
    }

    [Fact]
    public void DecodeCall_RejectsWrongSelectorAndShortData()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var data = transfer.EncodeCall(Address.Parse("0x00000000000000000000000000000000000000aa"), 5);
        Assert.True(transfer.Matches(data));
        data[0] ^= 1;
        Assert.False(transfer.Matches(data));
        Assert.Throws<AbiException>(() => transfer.DecodeCall(data));
        Assert.Throws<AbiException>(() => transfer.DecodeCall(new byte[3]));
        Assert.Throws<AbiException>(() => transfer.DecodeCall(transfer.Selector));
    }

    [Theory]
    [InlineData("transfer(address,uint256")]
    [InlineData("(address)")]
    [InlineData("1transfer(address)")]
    [InlineData("transfer(address indexed to)")]
    [InlineData("function f() sideways")]
    [InlineData("event Transfer(address)")]
    [InlineData("function f() returns")]
    [InlineData("function f() returns (uint256) returns (uint256)")]
    [InlineData("f(uint256) trailing (")]
    public void FunctionParse_RejectsMalformedText(string text) =>
        Assert.Throws<AbiException>(() => AbiFunction.Parse(text));

    [Fact]
    public void TransferEvent_EncodesTopicsAndData()
    {
        var transfer = AbiEvent.Parse("event Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Equal("Transfer(address,address,uint256)", transfer.Signature);
        Assert.Equal(Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"), transfer.Topic0);

        var from = Address.Parse("0x1111111111111111111111111111111111111111");
        var to = Address.Parse("0x2222222222222222222222222222222222222222");
        var log = transfer.EncodeLog(from, to, new BigInteger(1000));
        Assert.Equal(3, log.Topics.Count);
        Assert.Equal(transfer.Topic0, log.Topics[0]);
        Assert.Equal(Hash32.Parse("0x000000000000000000000000" + "1111111111111111111111111111111111111111"), log.Topics[1]);
        Assert.Equal(Hex(Word(1000)), log.Data);
        AssertDeepEqual(new object?[] { from, to, new BigInteger(1000) }, transfer.DecodeLog(log.Topics, log.Data));
    }

    [Fact]
    public void IndexedReferenceTypes_AreHashedOverTheirInPlaceEncoding()
    {
        var e = AbiEvent.Parse("event E(string indexed s, bytes indexed b, uint256[] indexed xs, (uint256,string) s2) anonymous");
        Assert.True(e.Anonymous);
        var xs = new object?[] { BigInteger.One, new BigInteger(2) };
        var log = e.EncodeLog("hello", new byte[] { 1, 2, 3 }, xs, new object?[] { new BigInteger(9), "x" });

        Assert.Equal(3, log.Topics.Count);
        Assert.Equal(Hash32.Parse("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"), log.Topics[0]);
        Assert.Equal(new Hash32(Keccak256.Hash([1, 2, 3])), log.Topics[1]);
        Assert.Equal(new Hash32(Keccak256.Hash(Hex(Word(1) + Word(2)))), log.Topics[2]);

        var decoded = e.DecodeLog(log.Topics, log.Data);
        Assert.Equal(log.Topics[0], decoded[0]);
        Assert.Equal(log.Topics[2], decoded[2]);
        AssertDeepEqual(new object?[] { new BigInteger(9), "x" }, decoded[3]);
    }

    [Fact]
    public void IndexedStructsAndNestedArrays_PadEveryMember()
    {
        var tupleTopic = AbiEvent.EncodeTopic(AbiType.Parse("(uint256,string,bytes[])"), new object?[]
        {
            new BigInteger(5), "abc", new object?[] { new byte[] { 0xff }, Array.Empty<byte>() },
        });
        var expected = Hex(Word(5) + TextWord("abc") + "ff".PadRight(64, '0'));
        Assert.Equal(new Hash32(Keccak256.Hash(expected)), tupleTopic);

        // A static array of value types is a reference type too: hashed, not stored.
        var fixedTopic = AbiEvent.EncodeTopic(AbiType.Parse("bool[2]"), new object?[] { true, false });
        Assert.Equal(new Hash32(Keccak256.Hash(Hex(Word(1) + Word(0)))), fixedTopic);
    }

    [Fact]
    public void DecodeLog_ChecksTopicCountAndSignature()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        var log = transfer.EncodeLog(Address.Zero, Address.Zero, 1);
        Assert.Throws<AbiException>(() => transfer.DecodeLog(log.Topics.Take(2).ToArray(), log.Data));
        Assert.Throws<AbiException>(() => transfer.DecodeLog([Hash32.Zero, log.Topics[1], log.Topics[2]], log.Data));
        var dirty = log.Topics.ToArray();
        dirty[1] = Hash32.Parse("0x" + new string('f', 64));
        Assert.Throws<AbiException>(() => transfer.DecodeLog(dirty, log.Data));
    }

    [Fact]
    public void EventParse_EnforcesIndexedLimits()
    {
        Assert.Throws<AbiException>(() => AbiEvent.Parse("event E(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)"));
        Assert.Equal(4, AbiEvent.Parse("event E(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d) anonymous").Inputs.Count);
        Assert.Throws<AbiException>(() => AbiEvent.Parse("event E(uint8 indexed indexed a)"));
        Assert.Throws<AbiException>(() => AbiEvent.Parse("event E(uint8) view"));
    }

    [Fact]
    public void ErrorString_MatchesSolidityDocumentation()
    {
        var expected = Hex(
            "08c379a0" + Word(0x20) + Word(0x1a)
            + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
        Assert.Equal(expected, SolidityRevert.EncodeError("Not enough Ether provided."));
        Assert.Equal(new RevertMessage("Not enough Ether provided."), SolidityRevert.Decode(expected));
        Assert.True(SolidityRevert.TryDecodeError(expected, out var message));
        Assert.Equal("Not enough Ether provided.", message);
    }

    [Fact]
    public void Panic_EncodesCodeAndNamesKnownCodes()
    {
        var data = SolidityRevert.EncodePanic(PanicCode.ArithmeticOverflow);
        Assert.Equal(Hex("4e487b71" + Word(0x11)), data);
        var reason = Assert.IsType<RevertPanic>(SolidityRevert.Decode(data));
        Assert.Equal(PanicCode.ArithmeticOverflow, reason.Known);
        Assert.Null(new RevertPanic(0x99).Known);
        Assert.True(SolidityRevert.TryDecodePanic(data, out var code));
        Assert.Equal(new BigInteger(0x11), code);
        Assert.IsType<RevertEmpty>(SolidityRevert.Decode([]));
        Assert.IsType<RevertCustom>(SolidityRevert.Decode([1, 2, 3, 4, 5]));
        Assert.Throws<AbiException>(() => SolidityRevert.Decode(Hex("08c379a0" + Word(0x20))));
        Assert.False(SolidityRevert.TryDecodeError(Hex("08c379a0" + Word(0x20)), out _));
    }

    [Fact]
    public void CustomError_RoundTrips()
    {
        var error = AbiError.Parse("error InsufficientBalance(uint256 available, uint256 required)");
        Assert.Equal("InsufficientBalance(uint256,uint256)", error.Signature);
        Assert.Equal(Keccak256.Hash("InsufficientBalance(uint256,uint256)"u8)[..4], error.Selector.ToArray());
        var data = error.Encode(10, 20);
        Assert.Equal(error.Selector.ToArray().Concat(Hex(Word(10) + Word(20))), data);
        AssertDeepEqual(new object?[] { new BigInteger(10), new BigInteger(20) }, error.Decode(data));
        Assert.Equal(data, Assert.IsType<RevertCustom>(SolidityRevert.Decode(data)).Data);
        Assert.Equal("0x08c379a0", AbiError.Error.SelectorHex);
        Assert.Equal("0x4e487b71", AbiError.Panic.SelectorHex);
    }
}
