using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Crypto;
using Hemi.PopMiner.Configuration;

namespace Hemi.PopMiner.Tests.Configuration;

public sealed class MinerKeyTests
{
    private static readonly byte[] Secret = Sha256.Hash("hemi-popm key test"u8);

    [Fact]
    public void ToHex_AcceptsHexWithOrWithoutPrefix_AndACompressedWifOfTheNetwork()
    {
        var hex = Hex.Encode(Secret);

        Assert.Equal(hex, MinerKey.ToHex(hex, Network.Regtest));
        Assert.Equal(hex, MinerKey.ToHex("0x" + hex.ToUpperInvariant(), Network.Regtest));
        Assert.Equal(hex, MinerKey.ToHex(Wif.Encode(Secret, compressed: true, Network.Regtest), Network.Regtest));
        Assert.Equal(hex, MinerKey.ToHex(Wif.Encode(Secret, compressed: true, Network.Mainnet), Network.Mainnet));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("not a key at all")]
    public void ToHex_RejectsWhatIsNotAValidKey(string text)
    {
        var e = Assert.Throws<FormatException>(() => MinerKey.ToHex(text, Network.Regtest));
        Assert.DoesNotContain(text.Length > 8 ? text : "\u0000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHex_RejectsAWifOfAnotherNetworkOrAnUncompressedKey()
    {
        Assert.Throws<FormatException>(() => MinerKey.ToHex(Wif.Encode(Secret, compressed: true, Network.Mainnet), Network.Regtest));
        Assert.Throws<FormatException>(() => MinerKey.ToHex(Wif.Encode(Secret, compressed: false, Network.Regtest), Network.Regtest));
    }

    [Fact]
    public void Settings_Validate_NamesTheFirstBadSetting()
    {
        var good = new PopMinerSettings { PrivateKey = Hex.Encode(Secret) };
        good.Validate();

        Assert.Contains("network", Assert.Throws<ArgumentException>(() => new PopMinerSettings { PrivateKey = "x", Network = "dogecoin" }.Validate()).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => new PopMinerSettings { PrivateKey = "x", StaticFee = 0.5m }.Validate());
        Assert.Throws<ArgumentException>(() => new PopMinerSettings { PrivateKey = "x", LatestKeystones = 51 }.Validate());
        Assert.Contains(PopMinerSettings.PrivateKeyVariable, Assert.Throws<ArgumentException>(() => new PopMinerSettings().Validate()).Message, StringComparison.Ordinal);
        Assert.Equal(Network.Regtest, new PopMinerSettings { Network = "localnet" }.ResolveNetwork());
    }
}
