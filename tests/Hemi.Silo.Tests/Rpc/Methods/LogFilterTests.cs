using System.Text.Json;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Silo.Rpc;
using Hemi.Silo.Rpc.Methods;

namespace Hemi.Silo.Tests.Rpc.Methods;

public sealed class LogFilterTests
{
    private static readonly Address A = Address.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly Address B = Address.Parse("0x00000000000000000000000000000000000000b2");
    private static readonly Hash32 T1 = new(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly Hash32 T2 = new(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly Hash32 T3 = new(Enumerable.Repeat((byte)3, 32).ToArray());

    private static LogFilter Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return LogFilter.Parse(document.RootElement.Clone(), 0);
    }

    private static Log LogOf(Address address, params Hash32[] topics) => new(address, topics, []);

    [Fact]
    public void EmptyFilter_MatchesEveryLog()
    {
        var filter = Parse("{}");
        Assert.True(filter.Matches(LogOf(A)));
        Assert.True(filter.Matches(LogOf(B, T1, T2)));
    }

    [Fact]
    public void Addresses_AreAlternatives()
    {
        var filter = Parse($$"""{"address":["{{A.ToLowerHexString()}}","{{B.ToLowerHexString()}}"]}""");
        Assert.True(filter.Matches(LogOf(A)));
        Assert.True(filter.Matches(LogOf(B)));
        Assert.False(filter.Matches(LogOf(Address.Zero)));
        Assert.True(Parse($$"""{"address":"{{A.ToLowerHexString()}}"}""").Matches(LogOf(A)));
    }

    [Fact]
    public void Topics_ArePositionalWithNullWildcardsAndOrLists()
    {
        var filter = Parse($$"""{"topics":[null,["{{T2}}","{{T3}}"]]}""");
        Assert.True(filter.Matches(LogOf(A, T1, T2)));
        Assert.True(filter.Matches(LogOf(A, T3, T3, T1)));
        Assert.False(filter.Matches(LogOf(A, T1, T1)));
        Assert.False(filter.Matches(LogOf(A, T2)));

        var exact = Parse($$"""{"topics":["{{T1}}"]}""");
        Assert.True(exact.Matches(LogOf(A, T1, T3)));
        Assert.False(exact.Matches(LogOf(A, T2, T1)));
        Assert.False(exact.Matches(LogOf(A)));
    }

    [Fact]
    public void ListWithNull_IsAWildcard() =>
        Assert.True(Parse($$"""{"topics":[["{{T1}}",null]]}""").Matches(LogOf(A, T3)));

    [Fact]
    public void Bloom_PrefiltersBlocks()
    {
        var bloom = Bloom.FromLogs([LogOf(A, T1)]);
        Assert.True(Parse($$"""{"address":"{{A.ToLowerHexString()}}","topics":["{{T1}}"]}""").MayMatch(bloom));
        Assert.False(Parse($$"""{"topics":["{{T2}}"]}""").MayMatch(bloom));
    }

    [Theory]
    [InlineData("""{"blockHash":"0x1111111111111111111111111111111111111111111111111111111111111111","fromBlock":"0x1"}""", "cannot specify both")]
    [InlineData("""{"topics":[null,null,null,null,null]}""", "too many topics")]
    [InlineData("""{"topics":"0x1"}""", "topics must be an array")]
    [InlineData("""{"address":5}""", "address must be")]
    [InlineData("""{"fromBlock":"0x01"}""", "leading zero")]
    [InlineData("""{"fromBlock":{"blockHash":"0x1111111111111111111111111111111111111111111111111111111111111111"}}""", "tags or numbers")]
    [InlineData("""[]""", "filter object")]
    public void MalformedFilters_AreInvalidParams(string json, string message)
    {
        var e = Assert.Throws<JsonRpcException>(() => Parse(json));
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyAlternatives_AreRefused()
    {
        var addresses = string.Join(",", Enumerable.Range(0, LogFilter.MaxAlternatives + 1).Select(_ => "\"" + A.ToLowerHexString() + "\""));
        Assert.Throws<JsonRpcException>(() => Parse("{\"address\":[" + addresses + "]}"));
    }
}
