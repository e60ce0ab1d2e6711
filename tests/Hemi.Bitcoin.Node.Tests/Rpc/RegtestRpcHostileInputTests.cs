using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Bitcoin.Node.Tests.TestSupport;

namespace Hemi.Bitcoin.Node.Tests.Rpc;

public sealed class RegtestRpcHostileInputTests
{
    [Fact]
    public async Task GarbageBodies_AlwaysGetAJsonRpcError()
    {
        await using var node = await NodeFixture.CreateAsync(new ManualTimeProvider());
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var fragments = new[] { "{", "}", "[", "]", "\"method\"", ":", ",", "\"params\"", "null", "1e999", "\"getblockhash\"", "-1", "\"\\u0000\"", "true" };
        var bodies = Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(fragments)).Select(parts => string.Concat(parts)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (char)b)).Select(chars => new string(chars)));

        Prop.ForAll(Arb.From(bodies), body =>
        {
            using var response = http.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var json = JsonNode.Parse(text);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.InternalServerError
                && (json is JsonArray || json?["error"] is not null || json?["result"] is not null);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("""{"id":1,"method":"getblockhash","params":[1.5]}""", -3)]
    [InlineData("""{"id":1,"method":"getblockhash","params":[99999999999]}""", -3)]
    [InlineData("""{"id":1,"method":"getblockhash","params":[]}""", -8)]
    [InlineData("""{"id":1,"method":"getblockhash","params":{"height":1}}""", -32600)]
    [InlineData("""{"id":1,"method":7}""", -32600)]
    [InlineData("""{"id":1,"method":"sendrawtransaction","params":[42]}""", -3)]
    [InlineData("""{"id":1,"method":"sendrawtransaction","params":["zz"]}""", -22)]
    [InlineData("""{"id":1,"method":"testmempoolaccept","params":["00"]}""", -3)]
    [InlineData("""{"id":1,"method":"generatetoaddress","params":[100000,"x"]}""", -8)]
    [InlineData("""{"id":1,"method":"estimatesmartfee","params":[0]}""", -8)]
    [InlineData("""{"id":1,"method":"getblock","params":["0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",2]}""", -8)]
    [InlineData("""{"id":1,"method":"invalidateblock","params":["0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"]}""", -1)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", -32700)]
    public async Task BadRequests_GetBitcoindErrorCodes(string body, int expectedCode)
    {
        await using var node = await NodeFixture.CreateAsync(new ManualTimeProvider());
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };

        using var response = await http.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(expectedCode, (int)json["error"]!["code"]!);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HugePayload_GetsHttp413_AndTheServerKeepsAnswering()
    {
        await using var node = await NodeFixture.CreateAsync(new ManualTimeProvider());
        await using var server = await RegtestRpcServer.StartAsync(node, new RegtestRpcOptions { MaxRequestBodyBytes = 64 * 1024 });
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var huge = $$"""{"id":1,"method":"sendrawtransaction","params":["{{new string('0', 256 * 1024)}}"]}""";

        using var tooLarge = await http.PostAsync("", new StringContent(huge, Encoding.UTF8, "application/json"));
        using var after = await http.PostAsync("", new StringContent("""{"id":2,"method":"getblockcount","params":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, (int)JsonNode.Parse(await after.Content.ReadAsStringAsync())!["result"]!);
    }

    [Fact]
    public async Task LargeGarbageTransactionWithinTheLimit_GetsADecodeError()
    {
        await using var node = await NodeFixture.CreateAsync(new ManualTimeProvider());
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var body = $$"""{"id":1,"method":"sendrawtransaction","params":["{{string.Concat(Enumerable.Repeat("ff", 1024 * 1024))}}"]}""";

        using var response = await http.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(-22, (int)json["error"]!["code"]!);
        Assert.Empty(await node.GetMempoolAsync());
    }
}
