using System.Numerics;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class ContractAbiTests
{
    private const string Json = """
        [
          {"type":"constructor","inputs":[{"name":"owner","type":"address"}],"stateMutability":"nonpayable"},
          {"type":"function","name":"transfer","inputs":[{"name":"to","type":"address","internalType":"address"},{"name":"amount","type":"uint256"}],
           "outputs":[{"name":"","type":"bool"}],"stateMutability":"nonpayable"},
          {"type":"function","name":"submit","stateMutability":"payable","outputs":[],
           "inputs":[{"name":"calls","type":"tuple[2][]","components":[
              {"name":"target","type":"address"},
              {"name":"inner","type":"tuple","components":[{"name":"a","type":"uint64"},{"name":"b","type":"string[]"}]}]}]},
          {"type":"function","name":"balanceOf","constant":true,"inputs":[{"name":"who","type":"address"}],"outputs":[{"type":"uint256"}]},
          {"type":"event","name":"Transfer","anonymous":false,"inputs":[
              {"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
          {"type":"error","name":"InsufficientBalance","inputs":[{"name":"available","type":"uint256"},{"name":"required","type":"uint256"}]},
          {"type":"fallback","stateMutability":"payable"},
          {"type":"receive","stateMutability":"payable"}
        ]
        """;

    [Fact]
    public void ParseJson_ReadsFunctionsEventsErrorsAndTuples()
    {
        var abi = ContractAbi.ParseJson(Json);
        Assert.Equal(["transfer(address,uint256)", "submit((address,(uint64,string[]))[2][])", "balanceOf(address)"], abi.Functions.Select(f => f.Signature));
        Assert.Equal("0xa9059cbb", abi.GetFunction("transfer").SelectorHex);
        Assert.Equal(StateMutability.Payable, abi.GetFunction("submit").StateMutability);
        Assert.Equal(StateMutability.View, abi.GetFunction("balanceOf").StateMutability);
        var calls = Assert.IsType<ArrayType>(abi.GetFunction("submit").Inputs[0].Type);
        var tuple = Assert.IsType<TupleType>(Assert.IsType<FixedArrayType>(calls.Element).Element);
        Assert.Equal(["target", "inner"], tuple.Components.Select(c => c.Name));

        Assert.Equal(Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"), abi.GetEvent("Transfer").Topic0);
        Assert.Same(abi.GetEvent("Transfer"), abi.FindEvent(abi.Events[0].Topic0));
        Assert.Equal("InsufficientBalance(uint256,uint256)", abi.Errors[0].Signature);
        Assert.Equal("owner", abi.ConstructorInputs[0].Name);
    }

    [Fact]
    public void FindFunctionAndError_UseSelectors()
    {
        var abi = ContractAbi.ParseJson(Json);
        var call = abi.GetFunction("transfer(address,uint256)").EncodeCall(Address.Zero, 1);
        Assert.Equal("transfer", abi.FindFunction(call)?.Name);
        Assert.Null(abi.FindFunction([0, 0, 0, 0]));
        var revert = abi.Errors[0].Encode(1, 2);
        Assert.Equal("InsufficientBalance", abi.FindError(revert)?.Name);
        Assert.Equal(Hex(Word(0)), abi.EncodeConstructor(Address.Zero));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{\"type\":\"function\"}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"tuple\"}]}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"tuple[\",\"components\":[]}]}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"uint7\"}]}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"uint8\",\"indexed\":true}]}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"stateMutability\":\"sometimes\"}]")]
    [InlineData("[{\"type\":\"party\",\"name\":\"f\"}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\"")]
    public void ParseJson_RejectsMalformedAbi(string json) =>
        Assert.Throws<AbiException>(() => ContractAbi.ParseJson(json));

    [Fact]
    public void ParseJson_BoundsNesting()
    {
        var deep = "{\"type\":\"uint8\"}";
        for (var i = 0; i < 40; i++)
        {
            deep = "{\"type\":\"tuple\",\"components\":[" + deep + "]}";
        }

        Assert.Throws<AbiException>(() => ContractAbi.ParseJson("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[" + deep + "]}]"));
    }

    [Fact]
    public void JsonTupleArgument_RoundTripsThroughCallData()
    {
        var submit = ContractAbi.ParseJson(Json).GetFunction("submit");
        var inner = new object?[] { new BigInteger(7), new object?[] { "x", "yz" } };
        var pair = new object?[] { new object?[] { Address.Zero, inner }, new object?[] { Address.Zero, inner } };
        var arguments = new object?[] { new object?[] { pair } };
        AssertDeepEqual(arguments, submit.DecodeCall(submit.EncodeCall(arguments)));
    }
}
