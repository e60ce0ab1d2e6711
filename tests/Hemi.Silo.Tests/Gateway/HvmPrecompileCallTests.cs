using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Crypto.Secp256k1;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.Pop;
using Hemi.Silo.Configuration;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Gateway;

/// <summary><c>eth_call</c> to the hVM precompiles is answered from the silo's Bitcoin index, not refused as unavailable.</summary>
[Collection(SiloCollection.Name)]
public sealed class HvmPrecompileCallTests(SiloFixture fixture)
{
    [Fact]
    public async Task BalancePrecompile_AnswersThePopMinersRegtestBalanceFromTheIndex()
    {
        using var key = PrivateKey.FromBytes(Convert.FromHexString(new PopMinerSection().PrivateKeyHex));
        var address = BitcoinAddress.FromScriptPubKey(PopTransactionFactory.MinerScript(key.PublicKey), Network.Regtest);
        var to = HvmPrecompiles.AddressOf(HvmPrecompile.BtcBalAddr).ToLowerHexString();
        var data = "0x" + Convert.ToHexStringLower(Encoding.ASCII.GetBytes(address));

        // The devnet mines 110 blocks to the miner at start; the L2 records their headers a few per block and the
        // precompiles see the recorded tip minus the hVM lag, so the balance shows up after some blocks.
        ulong balance = 0;
        await Eventually.UntilAsync(
            async () =>
            {
                var result = await fixture.Silo.Rpc.CallAsync("eth_call", new { to, data }, "latest");
                var bytes = Convert.FromHexString(result.GetString()![2..]);
                balance = bytes.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : 0;
                return balance > 0;
            },
            TimeSpan.FromSeconds(60),
            $"precompile 0x40 never reported a balance for the PoP miner {address}");

        Assert.True(balance <= 21_000_000UL * 100_000_000UL, $"balance {balance} sats is impossible");
    }

    [Fact]
    public async Task BalancePrecompile_WithGarbageInput_ReturnsEmptyOutput_NotAnError()
    {
        var to = HvmPrecompiles.AddressOf(HvmPrecompile.BtcBalAddr).ToLowerHexString();
        var result = await fixture.Silo.Rpc.CallAsync("eth_call", new { to, data = "0x00ff" }, "latest");
        Assert.Equal(JsonValueKind.String, result.ValueKind);
        Assert.Equal("0x", result.GetString());
    }
}
