using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Gateway;

[Collection(SiloCollection.Name)]
public sealed class RandomBodyPropertyTests(SiloFixture fixture)
{
    private static readonly string[] s_methods =
    [
        "eth_getBalance", "eth_getBlockByNumber", "eth_getBlockByHash", "eth_call", "eth_estimateGas", "eth_getLogs",
        "eth_getProof", "eth_sendRawTransaction", "eth_getStorageAt", "eth_feeHistory", "eth_getTransactionCount",
        "kss_getKeystone", "kss_getLatestKeystones", "hemi_getBlockFinality", "eth_getTransactionReceipt", "nope",
    ];

    private static Gen<string> ParamValue =>
        Gen.OneOf(
            Gen.Elements("\"latest\"", "\"0x0\"", "\"0x01\"", "\"0x\"", "null", "true", "1", "-1", "1e400", "{}", "[]", "\"pending\"",
                "\"0x" + new string('f', 64) + "\"", "\"0x" + new string('a', 40) + "\"", "{\"to\":\"0x1\"}", "{\"fromBlock\":\"0x0\",\"toBlock\":\"0xffffffffffffffff\"}",
                "{\"blockHash\":\"0x00\"}", "[\"0x1\",[null,[1]]]", "\"0x02f8\"", "{\"address\":[1,2]}"),
            ArbMap.Default.GeneratorFor<string>().Select(s => JsonSerializer.Serialize(s ?? "")),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => "\"0x" + Convert.ToHexStringLower(b) + "\""),
            ArbMap.Default.GeneratorFor<long>().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Gen<string> Request =>
        from method in Gen.Elements(s_methods)
        from count in Gen.Choose(0, 4)
        from values in Gen.ArrayOf(ParamValue, count)
        from id in Gen.Elements("1", "\"x\"", "null", "{}")
        select $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":[{string.Join(",", values)}]}}";

    private static Gen<string> Body =>
        Gen.OneOf(
            Request,
            Gen.ArrayOf(Request, 3).Select(r => "[" + string.Join(",", r) + "]"),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
            Request.Select(r => r[..(r.Length / 2)]));

    [Fact]
    public void RandomJsonRpcBodies_NeverYield500()
    {
        Prop.ForAll(Body.ToArbitrary(), body =>
        {
            var (status, text) = fixture.Silo.Rpc.PostAsync(Encoding.UTF8.GetBytes(body)).GetAwaiter().GetResult();
            if (status != HttpStatusCode.OK)
            {
                return false;
            }

            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var answers = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            // Internal errors would mean a method crashed on input it should have refused.
            return answers.All(a => a.TryGetProperty("result", out _)
                || (a.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() != -32603));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
        Assert.True(fixture.Silo.App.Lifetime().IsRunning());
    }
}
