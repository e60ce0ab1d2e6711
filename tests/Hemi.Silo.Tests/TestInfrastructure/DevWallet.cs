using System.Numerics;
using System.Text.Json;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Ethereum.Transactions;
using Hemi.Silo.Configuration;
using Hemi.Silo.Devnet;

namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>Signs transactions with a devnet development account and sends them through the silo's JSON-RPC.</summary>
public sealed class DevWallet(RpcClient rpc, int index) : IDisposable
{
    public static readonly Address HemiBtc = Address.Parse(new SequencerSection().HemiBtcAddress);

    public static readonly AbiFunction Transfer = AbiFunction.Parse("function transfer(address to, uint256 amount) returns (bool)");

    public static readonly AbiFunction BalanceOf = AbiFunction.Parse("function balanceOf(address owner) view returns (uint256)");

    private readonly PrivateKey _key = PrivateKey.FromBytes(Convert.FromHexString(DevAccounts.Derive(index + 1)[index].PrivateKeyHex));

    public Address Address => Address.FromPublicKey(_key.PublicKey);

    public ulong ChainId { get; init; } = HemiOptions.DevnetChainId;

    public async Task<DynamicFeeTransaction> SignAsync(Address to, BigInteger value, byte[]? data = null, ulong gas = 21_000, ulong? nonce = null, ulong? chainId = null)
    {
        nonce ??= Hex.ULong(await rpc.CallAsync("eth_getTransactionCount", Address.ToLowerHexString(), "pending"));
        var gasPrice = Hex.Big(await rpc.CallAsync("eth_gasPrice"));
        var tx = new DynamicFeeTransaction
        {
            ChainId = chainId ?? ChainId,
            Nonce = nonce.Value,
            MaxPriorityFeePerGas = 1_000_000,
            MaxFeePerGas = gasPrice * 2,
            GasLimit = gas,
            To = to,
            Value = value,
            Data = data ?? [],
        };
        return tx.Sign(_key);
    }

    public async Task<string> SendAsync(EthereumTransaction signed) =>
        (await rpc.CallAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(signed.Encode()))).GetString()!;

    public async Task<JsonElement> WaitForReceiptAsync(string hash)
    {
        JsonElement receipt = default;
        await Eventually.UntilAsync(
            async () =>
            {
                receipt = await rpc.CallAsync("eth_getTransactionReceipt", hash);
                return receipt.ValueKind == JsonValueKind.Object;
            },
            TimeSpan.FromSeconds(30),
            $"no receipt for {hash}");
        return receipt;
    }

    public void Dispose() => _key.Dispose();
}
