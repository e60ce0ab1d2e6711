using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;

namespace Hemi.EndToEnd.Tests.Devnet;

public sealed class DevnetBannerTests
{
    private static (string Key, Address Address) Account(int i)
    {
        var secret = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes("hemi-devnet-" + i));
        using var key = PrivateKey.FromBytes(secret);
        return ("0x" + Convert.ToHexStringLower(secret), Address.FromPublicKey(key.PublicKey));
    }

    [Fact]
    public void Accounts_ReadsEveryKeyLine_AndDerivesTheAddress()
    {
        var (k0, a0) = Account(0);
        var (k1, a1) = Account(1);
        var output = $"""
            info: Sequencer of chain 7431337 started at block 0 (0x{new string('1', 64)})
            ==================== Hemi devnet ====================
            JSON-RPC: http://127.0.0.1:8545/rpc   chain id: 7431337 (0x7164a9)
              (0) {a0}  private key {k0}
              (1) {a1}  private key {k1}
            =====================================================
            """;
        var accounts = DevnetBanner.Accounts(output);
        Assert.Equal([a0, a1], accounts.Select(a => a.Address));
        Assert.Equal(k1, accounts[1].PrivateKeyHex);
    }

    [Fact]
    public void Accounts_RejectsALineWhoseAddressIsNotTheKeys()
    {
        var (k0, _) = Account(0);
        var (_, a1) = Account(1);
        Assert.Throws<FormatException>(() => DevnetBanner.Accounts($"  (0) {a1}  private key {k0}"));
    }

    [Fact]
    public void Accounts_IgnoresHashesOnLinesThatAreNotAboutKeys()
    {
        Assert.Empty(DevnetBanner.Accounts($"block 5 hash 0x{new string('2', 64)} sealed"));
    }
}
