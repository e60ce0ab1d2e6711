using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Rpc;

public sealed class RegtestRpcServerTests
{
    [Fact]
    public async Task ChainQueries_MatchTheNode()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(70);
        await using var node = await NodeFixture.CreateAsync(time);
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var address = BitcoinAddress.FromScriptPubKey(key.P2wpkh, Network.Regtest);

        var generated = (await CallAsync(http, "generatetoaddress", 3, address)).Result!.AsArray();

        Assert.Equal(3, generated.Count);
        Assert.Equal(3, (int)(await CallAsync(http, "getblockcount")).Result!);
        Assert.Equal(generated[2]!.GetValue<string>(), (string)(await CallAsync(http, "getbestblockhash")).Result!);
        Assert.Equal(generated[0]!.GetValue<string>(), (string)(await CallAsync(http, "getblockhash", 1)).Result!);
        var info = (await CallAsync(http, "getblockchaininfo")).Result!;
        Assert.Equal("regtest", (string)info["chain"]!);
        Assert.Equal(3, (int)info["blocks"]!);
        var header = (await CallAsync(http, "getblockheader", generated[1]!.GetValue<string>())).Result!;
        Assert.Equal(2, (int)header["height"]!);
        Assert.Equal(2, (int)header["confirmations"]!);
        Assert.Equal("207fffff", (string)header["bits"]!);
        Assert.Equal(generated[0]!.GetValue<string>(), (string)header["previousblockhash"]!);
        var block = (await CallAsync(http, "getblock", generated[1]!.GetValue<string>(), 1)).Result!;
        var coinbaseId = Assert.Single(block["tx"]!.AsArray())!.GetValue<string>();
        var rawBlock = (string)(await CallAsync(http, "getblock", generated[1]!.GetValue<string>(), 0)).Result!;
        Assert.Equal(Convert.ToHexStringLower((await node.GetRawBlockAsync(Hash256.Parse(generated[1]!.GetValue<string>())))!), rawBlock);
        var rawTx = (await CallAsync(http, "getrawtransaction", coinbaseId, true)).Result!;
        Assert.Equal(generated[1]!.GetValue<string>(), (string)rawTx["blockhash"]!);
        var fee = (await CallAsync(http, "estimatesmartfee", 6)).Result!;
        Assert.Equal(0.00001m, (decimal)fee["feerate"]!);

        Assert.Null((await CallAsync(http, "invalidateblock", generated[2]!.GetValue<string>())).Error);
        Assert.Equal(2, (int)(await CallAsync(http, "getblockcount")).Result!);
    }

    [Fact]
    public async Task Transactions_AreBroadcastTestedAndRejectedWithBitcoindCodes()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(71);
        await using var node = await NodeFixture.CreateAsync(time);
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);
        var conflicting = NodeFixture.Spend(coin, key, key.P2wpkh, 2 * Money.Coin, key.P2wpkh);

        var tested = (await CallAsync(http, "testmempoolaccept", new JsonArray(tx.ToHex()))).Result!.AsArray();
        Assert.True((bool)tested[0]!["allowed"]!);
        Assert.Empty((await CallAsync(http, "getrawmempool")).Result!.AsArray());

        Assert.Equal(tx.GetTxId().ToString(), (string)(await CallAsync(http, "sendrawtransaction", tx.ToHex())).Result!);
        Assert.Equal(tx.GetTxId().ToString(), (string)Assert.Single((await CallAsync(http, "getrawmempool")).Result!.AsArray())!);

        var rejected = await CallAsync(http, "sendrawtransaction", conflicting.ToHex());
        Assert.Equal(-26, rejected.Code);
        Assert.StartsWith("txn-mempool-conflict", rejected.Message);
        var retest = (await CallAsync(http, "testmempoolaccept", new JsonArray(conflicting.ToHex()))).Result!.AsArray();
        Assert.Equal("txn-mempool-conflict", (string)retest[0]!["reject-reason"]!);

        Assert.Equal(-22, (await CallAsync(http, "sendrawtransaction", "00ff")).Code);
        Assert.Equal(-5, (await CallAsync(http, "getrawtransaction", new string('1', 64))).Code);
    }

    [Fact]
    public async Task ScanTxOutSet_FindsTheUtxosOfAddrAndRawDescriptors()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(72);
        using var other = new TestKey(73);
        await using var node = await NodeFixture.CreateAsync(time);
        await using var server = await RegtestRpcServer.StartAsync(node);
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        await node.GenerateToAddressAsync(2, key.P2wpkh);
        await node.GenerateToAddressAsync(1, other.P2pkh);
        var address = BitcoinAddress.FromScriptPubKey(key.P2wpkh, Network.Regtest);

        var scan = (await CallAsync(http, "scantxoutset", "start", new JsonArray($"addr({address})", $"raw({Convert.ToHexStringLower(other.P2pkh)})"))).Result!;

        Assert.True((bool)scan["success"]!);
        Assert.Equal(3, (int)scan["txouts"]!);
        Assert.Equal(150m, (decimal)scan["total_amount"]!);
        Assert.Equal(3, (int)scan["height"]!);
        var unspents = scan["unspents"]!.AsArray();
        Assert.Equal([1, 2, 3], unspents.Select(u => (int)u!["height"]!));
        Assert.Equal(Convert.ToHexStringLower(other.P2pkh), (string)unspents[2]!["scriptPubKey"]!);
        Assert.Equal(-5, (await CallAsync(http, "scantxoutset", "start", new JsonArray("pkh(xyz)"))).Code);
        Assert.Equal(-8, (await CallAsync(http, "scantxoutset", "begin", new JsonArray())).Code);
    }

    [Fact]
    public async Task MalformedRequests_GetJsonRpcErrors()
    {
        var time = new ManualTimeProvider();
        await using var node = await NodeFixture.CreateAsync(time);
        await using var server = await RegtestRpcServer.StartAsync(node, new RegtestRpcOptions { MaxRequestBodyBytes = 4096 });
        using var http = new HttpClient { BaseAddress = server.Endpoint };

        var parse = await http.PostAsync("", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(-32700, (int)JsonNode.Parse(await parse.Content.ReadAsStringAsync())!["error"]!["code"]!);

        var unknown = await CallAsync(http, "getnothing");
        Assert.Equal(-32601, unknown.Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);

        Assert.Equal(-8, (await CallAsync(http, "getblockhash", 5)).Code);
        Assert.Equal(-8, (await CallAsync(http, "getblockheader", "abc")).Code);
        Assert.Equal(-5, (await CallAsync(http, "getblockheader", new string('2', 64))).Code);
        Assert.Equal(-3, (await CallAsync(http, "getblockhash", "one")).Code);
        Assert.Equal(-5, (await CallAsync(http, "generatetoaddress", 1, "not-an-address")).Code);

        var oversized = await http.PostAsync("", new StringContent(new string(' ', 10_000) + "{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);

        var batch = await http.PostAsync("", new StringContent(
            """[{"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]},{"id":2,"method":"nope"}]""", Encoding.UTF8, "application/json"));
        var responses = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(0, (int)responses[0]!["result"]!);
        Assert.Equal(-32601, (int)responses[1]!["error"]!["code"]!);
        Assert.Equal(2, (int)responses[1]!["id"]!);
    }

    private static async Task<RpcReply> CallAsync(HttpClient http, string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "1.0", ["id"] = "test", ["method"] = method, ["params"] = new JsonArray(parameters) };
        using var response = await http.PostAsync("", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("test", (string)body["id"]!);
        var error = body["error"];
        return new RpcReply(body["result"], error, error is null ? 0 : (int)error["code"]!, error is null ? "" : (string)error["message"]!, response.StatusCode);
    }

    private sealed record RpcReply(JsonNode? Result, JsonNode? Error, int Code, string Message, HttpStatusCode Status);
}
