using System.Text;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Silo.Configuration;
using Hemi.Silo.Devnet;

namespace Hemi.Silo.Tests.Devnet;

public sealed class DevAccountsTests
{
    [Fact]
    public void Derive_UsesKeccakOfTheDocumentedSeed()
    {
        var accounts = DevAccounts.Derive(3);
        for (var i = 0; i < 3; i++)
        {
            var secret = Keccak256.Hash(Encoding.ASCII.GetBytes("hemi-devnet-" + i));
            Assert.Equal(Convert.ToHexStringLower(secret), accounts[i].PrivateKeyHex);
            using var key = PrivateKey.FromBytes(secret);
            Assert.Equal(Address.FromPublicKey(key.PublicKey), accounts[i].Address);
        }
    }

    [Fact]
    public void Derive_IsDeterministicAndDistinct()
    {
        var first = DevAccounts.Derive(20);
        var second = DevAccounts.Derive(20);
        Assert.Equal(first.Select(a => a.Address), second.Select(a => a.Address));
        Assert.Equal(20, first.Select(a => a.Address).Distinct().Count());
    }

    [Fact]
    public void GenesisAlloc_FundsEthInWeiAndHemiBtcInSats()
    {
        var options = new DevAccountsOptions { EthBalance = 3, HemiBtcBalance = 2 };
        var alloc = DevAccounts.GenesisAlloc(DevAccounts.Derive(2), options).ToArray();
        Assert.Equal(2, alloc.Length);
        Assert.All(alloc, a => Assert.Equal(3 * DevAccounts.WeiPerEther, a.Balance));
        Assert.All(alloc, a => Assert.Equal(200_000_000, a.HemiBtcBalance));
    }

    [Fact]
    public void Describe_MarksKeysAsDevnetOnly()
    {
        var accounts = DevAccounts.Derive(1);
        var text = DevAccounts.Describe(accounts, new DevAccountsOptions(), HemiOptions.DevnetChainId, "http://127.0.0.1:8545/rpc");
        Assert.Contains("DEVNET ONLY", text, StringComparison.Ordinal);
        Assert.Contains(accounts[0].Address.ToChecksumString(), text, StringComparison.Ordinal);
        Assert.Contains("0x" + accounts[0].PrivateKeyHex, text, StringComparison.Ordinal);
        Assert.Contains("7431337", text, StringComparison.Ordinal);
    }
}
