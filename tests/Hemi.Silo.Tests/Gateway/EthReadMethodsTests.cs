using System.Net;
using System.Text.Json;
using Hemi.Protocol.Chain;
using Hemi.Silo.Configuration;
using Hemi.Silo.Devnet;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Gateway;

[Collection(SiloCollection.Name)]
public sealed class EthReadMethodsTests(SiloFixture fixture)
{
    private RpcClient Rpc => fixture.Silo.Rpc;

    [Fact]
    public async Task ChainIdentity_IsTheDevnet()
    {
        Assert.Equal("0x" + HemiOptions.DevnetChainId.ToString("x"), (await Rpc.CallAsync("eth_chainId")).GetString());
        Assert.Equal(HemiOptions.DevnetChainId.ToString(), (await Rpc.CallAsync("net_version")).GetString());
        Assert.StartsWith("hemi-silo/v", (await Rpc.CallAsync("web3_clientVersion")).GetString(), StringComparison.Ordinal);
        Assert.True((await Rpc.CallAsync("net_listening")).GetBoolean());
        Assert.False((await Rpc.CallAsync("eth_syncing")).GetBoolean());
        Assert.Equal(0, (await Rpc.CallAsync("eth_accounts")).GetArrayLength());
    }

    [Fact]
    public async Task BlockNumber_Advances()
    {
        var first = Hex.ULong(await Rpc.CallAsync("eth_blockNumber"));
        await fixture.Silo.WaitForBlockAsync(first + 2);
    }

    [Fact]
    public async Task GetBlockByNumber_HasEveryGethFieldAndChainsByParentHash()
    {
        await fixture.Silo.WaitForBlockAsync(2);
        var block = await Rpc.CallAsync("eth_getBlockByNumber", "0x2", false);
        var parent = await Rpc.CallAsync("eth_getBlockByNumber", "0x1", false);
        foreach (var field in new[]
        {
            "number", "hash", "parentHash", "nonce", "sha3Uncles", "logsBloom", "transactionsRoot", "stateRoot", "receiptsRoot",
            "miner", "difficulty", "totalDifficulty", "extraData", "size", "gasLimit", "gasUsed", "timestamp", "mixHash",
            "transactions", "uncles", "baseFeePerGas",
        })
        {
            Assert.True(block.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("0x2", block.GetProperty("number").GetString());
        Assert.Equal(parent.GetProperty("hash").GetString(), block.GetProperty("parentHash").GetString());
        Assert.Equal("0x0", block.GetProperty("totalDifficulty").GetString());
        Assert.Equal("0x0000000000000000", block.GetProperty("nonce").GetString());
        Assert.Equal(0, block.GetProperty("uncles").GetArrayLength());
        Assert.Equal(514, block.GetProperty("logsBloom").GetString()!.Length);
        Assert.True(Hex.ULong(block.GetProperty("size")) > 500);

        var byHash = await Rpc.CallAsync("eth_getBlockByHash", block.GetProperty("hash").GetString(), false);
        Assert.Equal(block.GetRawText(), byHash.GetRawText());
    }

    [Fact]
    public async Task FullBlock_RendersTheBitcoinAttributesTransactionFirstFromTheSystemSenderWithZeroSignature()
    {
        await fixture.Silo.WaitForBlockAsync(1);
        var block = await Rpc.CallAsync("eth_getBlockByNumber", "0x1", true);
        var first = block.GetProperty("transactions")[0];
        Assert.Equal("0x7c", first.GetProperty("type").GetString());
        Assert.Equal(SystemAddresses.SystemSender.ToLowerHexString(), first.GetProperty("from").GetString());
        Assert.Equal(SystemAddresses.HvmState.ToLowerHexString(), first.GetProperty("to").GetString());
        Assert.StartsWith("0x", first.GetProperty("input").GetString(), StringComparison.Ordinal);
        // Unsigned: zero v/r/s as op-geth renders its deposit transactions (ethers needs the fields present).
        Assert.Equal("0x0", first.GetProperty("r").GetString());
        Assert.Equal("0x0", first.GetProperty("s").GetString());
        Assert.Equal("0x0", first.GetProperty("v").GetString());
        Assert.False(first.TryGetProperty("yParity", out _));
        Assert.Equal(block.GetProperty("hash").GetString(), first.GetProperty("blockHash").GetString());
        var count = await Rpc.CallAsync("eth_getBlockTransactionCountByNumber", "0x1");
        Assert.Equal(block.GetProperty("transactions").GetArrayLength(), (int)Hex.ULong(count));
    }

    [Theory]
    [InlineData("earliest")]
    [InlineData("latest")]
    [InlineData("pending")]
    [InlineData("safe")]
    [InlineData("finalized")]
    public async Task BlockTags_AllResolve(string tag)
    {
        var block = await Rpc.CallAsync("eth_getBlockByNumber", tag, false);
        Assert.Equal(JsonValueKind.Object, block.ValueKind);
        if (tag == "earliest")
        {
            Assert.Equal("0x0", block.GetProperty("number").GetString());
        }
    }

    [Fact]
    public async Task UnknownBlocksAndTransactions_AreNull()
    {
        Assert.Equal(JsonValueKind.Null, (await Rpc.CallAsync("eth_getBlockByNumber", "0xffffffff", false)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Rpc.CallAsync("eth_getBlockByHash", "0x" + new string('1', 64), false)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Rpc.CallAsync("eth_getTransactionByHash", "0x" + new string('2', 64))).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Rpc.CallAsync("eth_getTransactionReceipt", "0x" + new string('3', 64))).ValueKind);
    }

    [Fact]
    public async Task GenesisAccounts_HoldEthAndHemiBtc()
    {
        var account = DevAccounts.Derive(1)[0].Address.ToLowerHexString();
        var balance = Hex.Big(await Rpc.CallAsync("eth_getBalance", account, "earliest"));
        Assert.Equal(new DevAccountsOptions().EthBalance * DevAccounts.WeiPerEther, balance);
        var call = DevWallet.BalanceOf.EncodeCall(DevAccounts.Derive(1)[0].Address);
        var result = await Rpc.CallAsync("eth_call", new { to = DevWallet.HemiBtc.ToLowerHexString(), data = "0x" + Convert.ToHexStringLower(call) }, "earliest");
        Assert.Equal(new DevAccountsOptions().HemiBtcBalance * DevAccounts.SatsPerBitcoin, Hex.Big(result));
    }

    [Fact]
    public async Task Code_IsTheNativeMarkerForPredeploysAndEmptyForAccounts()
    {
        var code = (await Rpc.CallAsync("eth_getCode", DevWallet.HemiBtc.ToLowerHexString(), "latest")).GetString()!;
        Assert.StartsWith("0xfe", code, StringComparison.Ordinal);
        Assert.Equal("0x", (await Rpc.CallAsync("eth_getCode", DevAccounts.Derive(1)[0].Address.ToLowerHexString(), "latest")).GetString());
    }

    [Fact]
    public async Task FeeMethods_AreConsistentWithTheHead()
    {
        var gasPrice = Hex.Big(await Rpc.CallAsync("eth_gasPrice"));
        var tip = Hex.Big(await Rpc.CallAsync("eth_maxPriorityFeePerGas"));
        Assert.True(gasPrice > tip);
        await fixture.Silo.WaitForBlockAsync(4);
        var history = await Rpc.CallAsync("eth_feeHistory", "0x3", "latest", new[] { 25.0, 75.0 });
        Assert.Equal(4, history.GetProperty("baseFeePerGas").GetArrayLength());
        Assert.Equal(3, history.GetProperty("gasUsedRatio").GetArrayLength());
        Assert.Equal(3, history.GetProperty("reward").GetArrayLength());
        Assert.Equal(2, history.GetProperty("reward")[0].GetArrayLength());
        var oldest = Hex.ULong(history.GetProperty("oldestBlock"));
        var oldestBlock = await Rpc.CallAsync("eth_getBlockByNumber", Hex.Q(oldest), false);
        Assert.Equal(oldestBlock.GetProperty("baseFeePerGas").GetString(), history.GetProperty("baseFeePerGas")[0].GetString());
    }

    [Fact]
    public async Task EstimateGas_OfAPlainTransferIs21000()
    {
        var from = DevAccounts.Derive(1)[0].Address.ToLowerHexString();
        var estimate = await Rpc.CallAsync("eth_estimateGas", new { from, to = "0x0000000000000000000000000000000000000001", value = "0x1" });
        Assert.Equal(21_000UL, Hex.ULong(estimate));
    }

    [Fact]
    public async Task StorageAt_ReadsTheHemiBtcBalanceSlot()
    {
        var holder = DevAccounts.Derive(1)[0].Address;
        var slot = Hemi.Protocol.L2.State.NativeErc20.BalanceSlot(holder);
        var value = await Rpc.CallAsync("eth_getStorageAt", DevWallet.HemiBtc.ToLowerHexString(), slot.ToString(), "earliest");
        Assert.Equal(new DevAccountsOptions().HemiBtcBalance * DevAccounts.SatsPerBitcoin, Hex.Big(value));
        var empty = await Rpc.CallAsync("eth_getStorageAt", DevWallet.HemiBtc.ToLowerHexString(), "0x0", "latest");
        Assert.Equal(66, empty.GetString()!.Length);
    }

    [Fact]
    public async Task HealthAndMetrics_ReportTheChain()
    {
        using var health = await fixture.Silo.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var document = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        Assert.True(document.RootElement.GetProperty("head").GetProperty("number").GetUInt64() >= 1);
        Assert.True(document.RootElement.GetProperty("bitcoin").GetProperty("height").GetInt32() >= 100);
        Assert.True(document.RootElement.GetProperty("storage").GetProperty("ok").GetBoolean());

        var metrics = await fixture.Silo.Http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE hemi_l2_blocks_sealed_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("hemi_l2_head_block_number ", metrics, StringComparison.Ordinal);
        Assert.Contains("hemi_l2_pool_size_estimate ", metrics, StringComparison.Ordinal);
        Assert.Contains("hemi_l2_transactions_total ", metrics, StringComparison.Ordinal);
    }
}
