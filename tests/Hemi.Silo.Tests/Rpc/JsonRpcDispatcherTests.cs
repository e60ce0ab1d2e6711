using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.L2;
using Hemi.Silo.Rpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Silo.Tests.Rpc;

public sealed class JsonRpcDispatcherTests
{
    private readonly JsonRpcDispatcher _dispatcher;

    public JsonRpcDispatcherTests()
    {
        var methods = new Dictionary<string, RpcMethod>
        {
            ["echo"] = (p, _) => Task.FromResult<JsonNode?>(p.Count == 0 ? null : JsonNode.Parse(p.Element(0).GetRawText())),
            ["add"] = (p, _) =>
            {
                p.Expect(2, 2);
                return Task.FromResult<JsonNode?>(RpcHex.Quantity(p.UInt64(0) + p.UInt64(1)));
            },
            ["reject"] = (_, _) => throw new TransactionRejectedException(TransactionRejectionReason.NonceTooLow, "nonce 3 is below the account nonce 5"),
            ["revert"] = (_, _) => throw new CallRevertedException("transfer amount exceeds balance", [0x08, 0xc3, 0x79, 0xa0]),
            ["crash"] = (_, _) => throw new InvalidOperationException("secret internal detail"),
        };
        _dispatcher = new JsonRpcDispatcher(methods, new JsonRpcLimits { MaxBatchSize = 5 }, NullLogger<JsonRpcDispatcher>.Instance);
    }

    private async Task<JsonNode?> DispatchAsync(string body) =>
        await _dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);

    private static (int Code, string Message) ErrorOf(JsonNode? response)
    {
        var error = response!["error"]!;
        return ((int)error["code"]!, (string)error["message"]!);
    }

    [Fact]
    public async Task Call_ReturnsResultWithTheSameId()
    {
        var response = await DispatchAsync("""{"jsonrpc":"2.0","id":"abc","method":"add","params":["0x2","0x3"]}""");
        Assert.Equal("abc", (string)response!["id"]!);
        Assert.Equal("0x5", (string)response["result"]!);
        Assert.Equal("2.0", (string)response["jsonrpc"]!);
    }

    [Fact]
    public async Task Call_KeepsNumericAndNullIds()
    {
        Assert.Equal(42, (int)(await DispatchAsync("""{"jsonrpc":"2.0","id":42,"method":"echo"}"""))!["id"]!);
        var response = (JsonObject)(await DispatchAsync("""{"jsonrpc":"2.0","id":null,"method":"echo"}"""))!;
        Assert.True(response.ContainsKey("id"));
        Assert.Null(response["id"]);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"jsonrpc\":\"2.0\",}")]
    [InlineData("")]
    public async Task MalformedJson_IsParseError(string body) =>
        Assert.Equal(JsonRpcErrorCodes.ParseError, ErrorOf(await DispatchAsync(body)).Code);

    [Fact]
    public async Task DeeplyNestedJson_IsParseErrorNotStackOverflow()
    {
        var body = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal(JsonRpcErrorCodes.ParseError, ErrorOf(await DispatchAsync(body)).Code);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"echo"}""", "jsonrpc")]
    [InlineData("""{"id":1,"method":"echo"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":2.0,"id":1,"method":"echo"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "method")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""", "method")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"echo"}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":[1],"method":"echo"}""", "id")]
    [InlineData("42", "JSON object")]
    [InlineData("\"eth_chainId\"", "JSON object")]
    public async Task InvalidRequests_AreRejectedWithInvalidRequest(string body, string mention)
    {
        var (code, message) = ErrorOf(await DispatchAsync(body));
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, code);
        Assert.Contains(mention, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMethod_IsMethodNotFound()
    {
        var (code, message) = ErrorOf(await DispatchAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_mine"}"""));
        Assert.Equal(JsonRpcErrorCodes.MethodNotFound, code);
        Assert.Contains("eth_mine", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":{"a":"0x1"}}""", "non-array")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":["0x1"]}""", "missing value for required argument 1")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":["0x1","0x2","0x3"]}""", "too many arguments")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":[1,"0x2"]}""", "invalid argument 0: expected a hex string")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":["0x01","0x2"]}""", "invalid argument 0: hex number with leading zero digits")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"add","params":["0x1","2"]}""", "invalid argument 1: hex number without 0x prefix")]
    public async Task BadParams_AreInvalidParamsNamingTheArgument(string body, string mention)
    {
        var (code, message) = ErrorOf(await DispatchAsync(body));
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, code);
        Assert.Contains(mention, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_GetsNoAnswer()
    {
        Assert.Null(await DispatchAsync("""{"jsonrpc":"2.0","method":"echo"}"""));
        Assert.Null(await DispatchAsync("""[{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","method":"nope"}]"""));
    }

    [Fact]
    public async Task Batch_AnswersEachCallInOrderAndSkipsNotifications()
    {
        var response = (JsonArray)(await DispatchAsync("""
            [{"jsonrpc":"2.0","id":1,"method":"add","params":["0x1","0x1"]},
             {"jsonrpc":"2.0","method":"echo"},
             {"jsonrpc":"2.0","id":2,"method":"nope"},
             5,
             {"jsonrpc":"2.0","id":3,"method":"echo","params":[true]}]
            """))!;
        Assert.Equal(4, response.Count);
        Assert.Equal("0x2", (string)response[0]!["result"]!);
        Assert.Equal(JsonRpcErrorCodes.MethodNotFound, ErrorOf(response[1]).Code);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, ErrorOf(response[2]).Code);
        Assert.True((bool)response[3]!["result"]!);
    }

    [Fact]
    public async Task EmptyBatch_IsInvalidRequest() =>
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, ErrorOf(await DispatchAsync("[]")).Code);

    [Fact]
    public async Task OversizedBatch_IsRejectedAsAWhole()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"echo"}""")) + "]";
        var response = await DispatchAsync(body);
        var (code, message) = ErrorOf(response);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, code);
        Assert.Contains("batch too large", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionRejection_UsesGethWordingAndServerErrorCode()
    {
        var (code, message) = ErrorOf(await DispatchAsync("""{"jsonrpc":"2.0","id":1,"method":"reject"}"""));
        Assert.Equal(JsonRpcErrorCodes.ServerError, code);
        Assert.StartsWith("nonce too low", message, StringComparison.Ordinal);
        Assert.Contains("below the account nonce", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_IsCodeThreeWithRevertData()
    {
        var response = await DispatchAsync("""{"jsonrpc":"2.0","id":1,"method":"revert"}""");
        var (code, message) = ErrorOf(response);
        Assert.Equal(JsonRpcErrorCodes.ExecutionReverted, code);
        Assert.Equal("execution reverted: transfer amount exceeds balance", message);
        Assert.Equal("0x08c379a0", (string)response!["error"]!["data"]!);
    }

    [Fact]
    public async Task UnexpectedFailure_IsInternalErrorWithoutDetails()
    {
        var (code, message) = ErrorOf(await DispatchAsync("""{"jsonrpc":"2.0","id":1,"method":"crash"}"""));
        Assert.Equal(JsonRpcErrorCodes.InternalError, code);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBodies_AlwaysGetAJsonRpcAnswer()
    {
        var gen = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.Elements(
                """{"jsonrpc":"2.0","id":1,"method":"add","params":["0x1","0x2"]}""",
                """[{"jsonrpc":"2.0","id":1,"method":"echo"}]""",
                """{"jsonrpc":"2.0","id":1,"method":"crash"}"""),
            ArbMap.Default.GeneratorFor<string>().Select(s => $$"""{"jsonrpc":"2.0","id":1,"method":"{{s}}","params":["{{s}}"]}"""),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => Encoding.Latin1.GetString(b)));
        Prop.ForAll(gen.ToArbitrary(), body =>
        {
            var response = _dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body ?? ""), CancellationToken.None).GetAwaiter().GetResult();
            return response switch
            {
                null => true,
                JsonArray array => array.All(a => a is JsonObject o && (o.ContainsKey("result") || o.ContainsKey("error"))),
                JsonObject o => o.ContainsKey("result") || o.ContainsKey("error"),
                _ => false,
            };
        }).QuickCheckThrowOnFailure();
    }
}
