using System.Numerics;
using System.Text.Json;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.State;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Gateway;

[Collection(SiloCollection.Name)]
public sealed class TransactionFlowTests(SiloFixture fixture)
{
    private RpcClient Rpc => fixture.Silo.Rpc;

    [Fact]
    public async Task Eip1559Transfer_IsSealedWithReceiptBalancesAndNonce()
    {
        using var wallet = new DevWallet(Rpc, 0);
        var recipient = new Address(Hemi.Crypto.Keccak256.Hash("silo test recipient"u8)[..20]);
        var startNonce = Hex.ULong(await Rpc.CallAsync("eth_getTransactionCount", wallet.Address.ToLowerHexString(), "latest"));
        var value = BigInteger.Pow(10, 15);
        var signed = await wallet.SignAsync(recipient, value);
        var hash = await wallet.SendAsync(signed);
        Assert.Equal(signed.GetHash().ToString(), hash);

        // Pending or sealed, the transaction is known right away.
        var seen = await Rpc.CallAsync("eth_getTransactionByHash", hash);
        Assert.Equal(JsonValueKind.Object, seen.ValueKind);
        Assert.Equal(wallet.Address.ToLowerHexString(), seen.GetProperty("from").GetString());

        var receipt = await wallet.WaitForReceiptAsync(hash);
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal("0x2", receipt.GetProperty("type").GetString());
        Assert.Equal(21_000UL, Hex.ULong(receipt.GetProperty("gasUsed")));
        Assert.Equal(JsonValueKind.Null, receipt.GetProperty("contractAddress").ValueKind);
        Assert.Equal(recipient.ToLowerHexString(), receipt.GetProperty("to").GetString());
        Assert.True(Hex.Big(receipt.GetProperty("effectiveGasPrice")) > 0);

        var blockNumber = receipt.GetProperty("blockNumber").GetString();
        var block = await Rpc.CallAsync("eth_getBlockByNumber", blockNumber, true);
        Assert.Equal(receipt.GetProperty("blockHash").GetString(), block.GetProperty("hash").GetString());
        var index = (int)Hex.ULong(receipt.GetProperty("transactionIndex"));
        var inBlock = block.GetProperty("transactions")[index];
        Assert.Equal(hash, inBlock.GetProperty("hash").GetString());
        Assert.Equal("0x2", inBlock.GetProperty("type").GetString());
        Assert.True(inBlock.TryGetProperty("r", out _) && inBlock.TryGetProperty("s", out _) && inBlock.TryGetProperty("yParity", out _));
        Assert.Equal(receipt.GetProperty("effectiveGasPrice").GetString(), inBlock.GetProperty("gasPrice").GetString());

        var byHash = await Rpc.CallAsync("eth_getTransactionByHash", hash);
        Assert.Equal(blockNumber, byHash.GetProperty("blockNumber").GetString());
        Assert.Equal(value, Hex.Big(byHash.GetProperty("value")));

        Assert.Equal(value, Hex.Big(await Rpc.CallAsync("eth_getBalance", recipient.ToLowerHexString(), blockNumber)));
        Assert.Equal(startNonce + 1, Hex.ULong(await Rpc.CallAsync("eth_getTransactionCount", wallet.Address.ToLowerHexString(), blockNumber)));
        var byIndex = await Rpc.CallAsync("eth_getTransactionByBlockHashAndIndex", block.GetProperty("hash").GetString(), receipt.GetProperty("transactionIndex").GetString());
        Assert.Equal(inBlock.GetRawText(), byIndex.GetRawText());
        var byNumberIndex = await Rpc.CallAsync("eth_getTransactionByBlockNumberAndIndex", blockNumber, receipt.GetProperty("transactionIndex").GetString());
        Assert.Equal(inBlock.GetRawText(), byNumberIndex.GetRawText());
        var receipts = await Rpc.CallAsync("eth_getBlockReceipts", blockNumber);
        Assert.Equal(block.GetProperty("transactions").GetArrayLength(), receipts.GetArrayLength());
    }

    [Fact]
    public async Task HemiBtcTransfer_EmitsATransferLogFoundByGetLogs()
    {
        using var wallet = new DevWallet(Rpc, 1);
        var recipient = new Address(Hemi.Crypto.Keccak256.Hash("silo test hemiBTC recipient"u8)[..20]);
        var amount = new BigInteger(12_345_678);
        var data = DevWallet.Transfer.EncodeCall(recipient, amount);
        var estimate = Hex.ULong(await Rpc.CallAsync("eth_estimateGas", new
        {
            from = wallet.Address.ToLowerHexString(),
            to = DevWallet.HemiBtc.ToLowerHexString(),
            data = "0x" + Convert.ToHexStringLower(data),
        }));
        Assert.True(estimate > 21_000);
        var signed = await wallet.SignAsync(DevWallet.HemiBtc, 0, data, gas: estimate);
        var receipt = await wallet.WaitForReceiptAsync(await wallet.SendAsync(signed));
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        var log = Assert.Single(receipt.GetProperty("logs").EnumerateArray());
        Assert.Equal(DevWallet.HemiBtc.ToLowerHexString(), log.GetProperty("address").GetString());
        Assert.Equal(NativeErc20.TransferTopic.ToString(), log.GetProperty("topics")[0].GetString());
        Assert.Equal(receipt.GetProperty("blockHash").GetString(), log.GetProperty("blockHash").GetString());
        Assert.Equal(receipt.GetProperty("transactionIndex").GetString(), log.GetProperty("transactionIndex").GetString());
        Assert.Equal(amount, new BigInteger(Hex.Bytes(log.GetProperty("data")), isUnsigned: true, isBigEndian: true));

        var block = receipt.GetProperty("blockNumber").GetString();
        var toTopic = "0x" + new string('0', 24) + recipient.ToLowerHexString()[2..];
        var byRange = await Rpc.CallAsync("eth_getLogs", new
        {
            fromBlock = "0x0",
            toBlock = "latest",
            address = new[] { DevWallet.HemiBtc.ToLowerHexString() },
            topics = new object?[] { NativeErc20.TransferTopic.ToString(), null, new[] { toTopic, "0x" + new string('f', 64) } },
        });
        var found = Assert.Single(byRange.EnumerateArray());
        Assert.Equal(log.GetRawText(), found.GetRawText());

        var byHash = await Rpc.CallAsync("eth_getLogs", new { blockHash = receipt.GetProperty("blockHash").GetString(), topics = new[] { NativeErc20.TransferTopic.ToString() } });
        Assert.Contains(byHash.EnumerateArray(), l => l.GetProperty("transactionHash").GetString() == receipt.GetProperty("transactionHash").GetString());

        var none = await Rpc.CallAsync("eth_getLogs", new { fromBlock = block, toBlock = block, address = "0x" + new string('1', 40) });
        Assert.Equal(0, none.GetArrayLength());

        var balance = await Rpc.CallAsync("eth_call", new { to = DevWallet.HemiBtc.ToLowerHexString(), data = "0x" + Convert.ToHexStringLower(DevWallet.BalanceOf.EncodeCall(recipient)) }, block);
        Assert.Equal(amount, Hex.Big(balance));
    }

    [Fact]
    public async Task GetProof_VerifiesAgainstTheBlockStateRoot()
    {
        using var wallet = new DevWallet(Rpc, 2);
        var block = await Rpc.CallAsync("eth_getBlockByNumber", "latest", false);
        var number = block.GetProperty("number").GetString();
        var slot = NativeErc20.BalanceSlot(wallet.Address);
        var account = await Rpc.CallAsync("eth_getProof", wallet.Address.ToLowerHexString(), Array.Empty<string>(), number);
        var proof = ToProof(account);
        var state = AccountProofVerifier.Verify(Hash32.Parse(block.GetProperty("stateRoot").GetString()!), proof);
        Assert.NotNull(state);
        Assert.Equal(Hex.Big(await Rpc.CallAsync("eth_getBalance", wallet.Address.ToLowerHexString(), number)), state!.Balance);

        var token = await Rpc.CallAsync("eth_getProof", DevWallet.HemiBtc.ToLowerHexString(), new[] { slot.ToString() }, number);
        var tokenProof = ToProof(token);
        Assert.NotNull(AccountProofVerifier.Verify(Hash32.Parse(block.GetProperty("stateRoot").GetString()!), tokenProof));
        Assert.True(tokenProof.StorageProof[0].Value > 0);

        // A proof checked against another root must fail.
        var otherRoot = Hash32.Parse((await Rpc.CallAsync("eth_getBlockByNumber", "earliest", false)).GetProperty("stateRoot").GetString()!);
        Assert.NotEqual(otherRoot, Hash32.Parse(block.GetProperty("stateRoot").GetString()!));
        Assert.False(AccountProofVerifier.TryVerify(otherRoot, tokenProof, out _));
    }

    private static AccountProof ToProof(JsonElement json) => new(
        Address.Parse(json.GetProperty("address").GetString()!),
        json.GetProperty("accountProof").EnumerateArray().Select(Hex.Bytes).ToArray(),
        Hex.Big(json.GetProperty("balance")),
        Hash32.Parse(json.GetProperty("codeHash").GetString()!),
        Hex.ULong(json.GetProperty("nonce")),
        Hash32.Parse(json.GetProperty("storageHash").GetString()!),
        json.GetProperty("storageProof").EnumerateArray().Select(s => new StorageProof(
            Hash32.Parse(s.GetProperty("key").GetString()!),
            Hex.Big(s.GetProperty("value")),
            s.GetProperty("proof").EnumerateArray().Select(Hex.Bytes).ToArray())).ToArray());
}
