using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Silo.Rpc;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Gateway;

[Collection(SiloCollection.Name)]
public sealed class HostileInputTests(SiloFixture fixture)
{
    private static readonly Address Somebody = Address.Parse("0x00000000000000000000000000000000000000aa");

    // secp256k1's group order n: an s above n/2 is the malleable twin Ethereum refuses.
    private static readonly BigInteger SecpOrder = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");

    private RpcClient Rpc => fixture.Silo.Rpc;

    private static JsonElement ErrorOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").Clone();
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"", JsonRpcErrorCodes.ParseError)]
    [InlineData("\u0000\u0001garbage", JsonRpcErrorCodes.ParseError)]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_chainId\"}", JsonRpcErrorCodes.InvalidRequest)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_doesNotExist\"}", JsonRpcErrorCodes.MethodNotFound)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[42,\"latest\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[\"0x00000000000000000000000000000000000000aa\",\"latest\",1]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x01\",false]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"1\",false]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x1\",\"yes\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x10000000000000000\",false]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionByHash\",\"params\":[\"0x123\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\"0xabc\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\"f86b\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[\"0x1\"]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"topics\":[[1]]}]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"0x5\",\"toBlock\":\"0x1\"}]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_feeHistory\",\"params\":[\"0x2\",\"latest\",[90,10]]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"kss_getLatestKeystones\",\"params\":[51]}", JsonRpcErrorCodes.InvalidParams)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"kss_getKeystone\",\"params\":[\"nothex\",1]}", JsonRpcErrorCodes.InvalidParams)]
    public async Task MalformedRequests_GetTheRightJsonRpcError(string body, int code)
    {
        var (status, text) = await Rpc.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, status);
        var error = ErrorOf(text);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task BadHex_MessagesSayWhatIsWrong()
    {
        Assert.Contains("leading zero", (await Rpc.ErrorAsync("eth_getBlockByNumber", "0x00", false)).RpcMessage, StringComparison.Ordinal);
        Assert.Contains("odd length", (await Rpc.ErrorAsync("eth_sendRawTransaction", "0x123")).RpcMessage, StringComparison.Ordinal);
        Assert.Contains("without 0x prefix", (await Rpc.ErrorAsync("eth_getBalance", "00000000000000000000000000000000000000aa", "latest")).RpcMessage, StringComparison.Ordinal);
        Assert.Contains("> 64 bits", (await Rpc.ErrorAsync("eth_getBlockByNumber", "0x" + new string('f', 200), false)).RpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + new string('a', 6 * 1024 * 1024) + "\"]}";
        var (status, text) = await Rpc.PostAsync(body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, ErrorOf(text).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task OversizedBatch_IsRefusedAndAFullBatchIsServed()
    {
        string Batch(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_chainId\"}}")) + "]";
        var (status, text) = await Rpc.PostAsync(Batch(1001));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("batch too large", ErrorOf(text).GetProperty("message").GetString(), StringComparison.Ordinal);
        (status, text) = await Rpc.PostAsync(Batch(1000));
        using var document = JsonDocument.Parse(text);
        Assert.Equal(1000, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task LogsRange_IsBounded()
    {
        var error = await Rpc.ErrorAsync("eth_getLogs", new { fromBlock = "0x0", toBlock = "0x2710" });
        Assert.Equal(JsonRpcErrorCodes.ServerError, error.Code);
        Assert.Contains("block range too large", error.RpcMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x02")]
    [InlineData("0x7c01")]
    [InlineData("0xc0")]
    [InlineData("0xf8")]
    [InlineData("0x02f8ffffffff")]
    [InlineData("0x05c0")]
    public async Task MalformedRawTransaction_IsRejectedClearly(string raw)
    {
        var error = await Rpc.ErrorAsync("eth_sendRawTransaction", raw);
        Assert.Equal(JsonRpcErrorCodes.ServerError, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.RpcMessage));
    }

    [Fact]
    public async Task WrongChainId_IsRejected()
    {
        using var wallet = new DevWallet(Rpc, 3);
        var signed = await wallet.SignAsync(Somebody, 1, chainId: 43111);
        var error = await Rpc.ErrorAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(signed.Encode()));
        Assert.Equal(JsonRpcErrorCodes.ServerError, error.Code);
        Assert.Contains("chain", error.RpcMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReplayedNonce_IsNonceTooLow_AndTheChainKeepsSealing()
    {
        using var wallet = new DevWallet(Rpc, 3);
        var signed = await wallet.SignAsync(Somebody, 1);
        var receipt = await wallet.WaitForReceiptAsync(await wallet.SendAsync(signed));
        var sealedAt = Hex.ULong(receipt.GetProperty("blockNumber"));

        // The same bytes again, and a new transaction reusing the nonce.
        var replay = await Rpc.ErrorAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(signed.Encode()));
        Assert.Equal(JsonRpcErrorCodes.ServerError, replay.Code);
        var again = await wallet.SignAsync(Somebody, 2, nonce: signed.Nonce);
        var error = await Rpc.ErrorAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(again.Encode()));
        Assert.Contains("nonce too low", error.RpcMessage, StringComparison.Ordinal);

        await fixture.Silo.WaitForBlockAsync(sealedAt + 3);
    }

    [Fact]
    public async Task InsufficientFunds_UsesGethWording()
    {
        using var wallet = new DevWallet(Rpc, 3);
        var signed = await wallet.SignAsync(Somebody, BigInteger.Pow(10, 30));
        var error = await Rpc.ErrorAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(signed.Encode()));
        Assert.Contains("insufficient funds", error.RpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSignature_IsRejected()
    {
        using var wallet = new DevWallet(Rpc, 3);
        var signed = await wallet.SignAsync(Somebody, 1);
        var forged = signed with { Signature = signed.Signature! with { S = SecpOrder - 1 } };
        var error = await Rpc.ErrorAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(forged.Encode()));
        Assert.Equal(JsonRpcErrorCodes.ServerError, error.Code);
    }

    [Fact]
    public async Task HostileTraffic_DoesNotStopTheChain()
    {
        var before = Hex.ULong(await Rpc.CallAsync("eth_blockNumber"));
        var junk = new[] { "{", "[]", "[1,2,3]", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendRawTransaction\",\"params\":[\"0x02c0\"]}" };
        foreach (var body in junk)
        {
            var (status, _) = await Rpc.PostAsync(Encoding.UTF8.GetBytes(body));
            Assert.Equal(HttpStatusCode.OK, status);
        }

        await fixture.Silo.WaitForBlockAsync(before + 2);
    }
}
