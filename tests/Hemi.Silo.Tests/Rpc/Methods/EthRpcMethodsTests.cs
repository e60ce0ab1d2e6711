using System.Text;
using System.Text.Json.Nodes;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2;
using Hemi.Protocol.L2.Transactions;
using Hemi.Silo.Chain;
using Hemi.Silo.Rpc;
using Hemi.Silo.Rpc.Filters;
using Hemi.Silo.Rpc.Methods;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Silo.Tests.Rpc.Methods;

public sealed class EthRpcMethodsTests
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000a11ce");

    private readonly FakeL2Chain _chain = new();
    private readonly JsonRpcDispatcher _dispatcher;

    public EthRpcMethodsTests()
    {
        var methods = new Dictionary<string, RpcMethod>();
        new EthRpcMethods(_chain, new JsonRpcLimits(), new FinalizedBlockTracker(TimeProvider.System), new RpcFilterRegistry(new JsonRpcLimits(), TimeProvider.System), "test/v1").Register(methods);
        new HemiRpcMethods(_chain, 25).Register(methods);
        _dispatcher = new JsonRpcDispatcher(methods, new JsonRpcLimits(), NullLogger<JsonRpcDispatcher>.Instance);
    }

    private async Task<JsonNode> CallAsync(string method, string parameters)
    {
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""";
        return (await _dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None))!;
    }

    [Fact]
    public async Task PendingTransaction_IsRenderedWithoutBlockFields()
    {
        using var key = PrivateKey.FromBytes(Keccak256.Hash("pending sender"u8));
        var tx = new DynamicFeeTransaction { ChainId = 7, Nonce = 3, GasLimit = 21_000, MaxFeePerGas = 5, MaxPriorityFeePerGas = 1, To = Alice, Value = 9 }.Sign(key);
        var sender = Address.FromPublicKey(key.PublicKey);
        var hash = tx.GetHash();
        _chain.Pending[hash] = new SubmittedTransaction(new UserTransaction(tx), sender, hash);
        var result = (await CallAsync("eth_getTransactionByHash", $"[\"{hash}\"]"))["result"]!;
        Assert.Null(result["blockHash"]);
        Assert.Null(result["blockNumber"]);
        Assert.Null(result["transactionIndex"]);
        Assert.Equal(sender.ToLowerHexString(), (string)result["from"]!);
        Assert.Equal("0x5", (string)result["gasPrice"]!);
        Assert.Equal("0x3", (string)result["nonce"]!);
        Assert.Null((await CallAsync("eth_getTransactionReceipt", $"[\"{hash}\"]"))["result"]);
    }

    [Fact]
    public async Task TransactionCount_PendingCountsTheQueue()
    {
        _chain.Nonces[Alice] = 2;
        _chain.PendingNonces[Alice] = 5;
        Assert.Equal("0x2", (string)(await CallAsync("eth_getTransactionCount", $"[\"{Alice.ToLowerHexString()}\",\"latest\"]"))["result"]!);
        Assert.Equal("0x5", (string)(await CallAsync("eth_getTransactionCount", $"[\"{Alice.ToLowerHexString()}\",\"pending\"]"))["result"]!);
    }

    [Fact]
    public async Task StateQueries_MapTagsToBlocksAndRefuseFutureOnes()
    {
        await CallAsync("eth_getBalance", $"[\"{Alice.ToLowerHexString()}\"]");
        await CallAsync("eth_getBalance", $"[\"{Alice.ToLowerHexString()}\",\"earliest\"]");
        await CallAsync("eth_getBalance", $"[\"{Alice.ToLowerHexString()}\",\"0xa\"]");
        Assert.Equal([null, 0UL, 10UL], _chain.StateBlocksAsked);
        var future = await CallAsync("eth_getBalance", $"[\"{Alice.ToLowerHexString()}\",\"0xb\"]");
        Assert.Equal(JsonRpcErrorCodes.ServerError, (int)future["error"]!["code"]!);
        Assert.Equal("header not found", (string)future["error"]!["message"]!);
        var unknownHash = await CallAsync("eth_getBalance", $"[\"{Alice.ToLowerHexString()}\",{{\"blockHash\":\"0x{new string('1', 64)}\"}}]");
        Assert.Contains("not found", (string)unknownHash["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedCall_IsExecutionRevertedWithData()
    {
        _chain.CallResult = new CallOutcome(false, [0x08, 0xc3], 100, "insufficient balance");
        var response = await CallAsync("eth_call", $"[{{\"to\":\"{Alice.ToLowerHexString()}\",\"input\":\"0x01\"}},\"latest\"]");
        Assert.Equal(JsonRpcErrorCodes.ExecutionReverted, (int)response["error"]!["code"]!);
        Assert.Equal("execution reverted: insufficient balance", (string)response["error"]!["message"]!);
        Assert.Equal("0x08c3", (string)response["error"]!["data"]!);
    }

    [Fact]
    public async Task CallObject_RejectsConflictingDataAndInput()
    {
        var response = await CallAsync("eth_call", $"[{{\"to\":\"{Alice.ToLowerHexString()}\",\"data\":\"0x01\",\"input\":\"0x02\"}}]");
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, (int)response["error"]!["code"]!);
    }

    [Fact]
    public async Task EstimateGas_OfAFailingCallIsExecutionReverted()
    {
        var response = await CallAsync("eth_estimateGas", $"[{{\"to\":\"{Alice.ToLowerHexString()}\"}}]");
        Assert.Equal(JsonRpcErrorCodes.ExecutionReverted, (int)response["error"]!["code"]!);
        Assert.Equal("0xdead", (string)response["error"]!["data"]!);
    }

    [Theory]
    [InlineData(TransactionRejectionReason.NonceTooLow, "nonce too low")]
    [InlineData(TransactionRejectionReason.InsufficientFunds, "insufficient funds for gas * price + value")]
    [InlineData(TransactionRejectionReason.WrongChainId, "invalid chain id")]
    [InlineData(TransactionRejectionReason.FeeTooLow, "max fee per gas less than block base fee")]
    [InlineData(TransactionRejectionReason.AlreadyKnown, "already known")]
    public async Task SendRawTransaction_RejectionsUseGethMessages(TransactionRejectionReason reason, string prefix)
    {
        _chain.Send = _ => throw new TransactionRejectedException(reason, "detail");
        var response = await CallAsync("eth_sendRawTransaction", "[\"0x02c0\"]");
        Assert.Equal(JsonRpcErrorCodes.ServerError, (int)response["error"]!["code"]!);
        Assert.Equal(prefix + ": detail", (string)response["error"]!["message"]!);
    }

    [Fact]
    public async Task UnavailableState_IsAServerError()
    {
        var response = await CallAsync("eth_getProof", $"[\"{Alice.ToLowerHexString()}\",[],\"latest\"]");
        Assert.Equal(JsonRpcErrorCodes.ServerError, (int)response["error"]!["code"]!);
        Assert.Contains("state not available", (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockFinality_OfAnUnknownBlockIsAnError()
    {
        var response = await CallAsync("hemi_getBlockFinality", $"[\"0x{new string('4', 64)}\"]");
        Assert.Equal(JsonRpcErrorCodes.ServerError, (int)response["error"]!["code"]!);
    }

    [Fact]
    public async Task GasPrice_IsNextBaseFeePlusTheSuggestedTip() =>
        Assert.Equal(RpcHex.Quantity(1_000_000_000UL + 1_000_000UL), (string)(await CallAsync("eth_gasPrice", "[]"))["result"]!);

    [Fact]
    public async Task StorageKeys_MayBeShortQuantities()
    {
        var response = await CallAsync("eth_getStorageAt", $"[\"{Alice.ToLowerHexString()}\",\"0x1\",\"latest\"]");
        Assert.Equal("0x" + new string('0', 63) + "1", (string)response["result"]!);
        var tooLong = await CallAsync("eth_getStorageAt", $"[\"{Alice.ToLowerHexString()}\",\"0x{new string('1', 65)}\",\"latest\"]");
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, (int)tooLong["error"]!["code"]!);
    }
}
