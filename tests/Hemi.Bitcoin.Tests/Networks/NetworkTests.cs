using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Networks;

public sealed class NetworkTests
{
    [Theory]
    [InlineData(NetworkKind.Mainnet, "main", "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")]
    [InlineData(NetworkKind.Testnet3, "test", "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943")]
    [InlineData(NetworkKind.Testnet4, "testnet4", "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043")]
    [InlineData(NetworkKind.Signet, "signet", "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6")]
    [InlineData(NetworkKind.Regtest, "regtest", "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206")]
    public void GenesisHeader_HashesToTheWellKnownGenesisHash(NetworkKind kind, string name, string genesisHash)
    {
        var network = Network.Get(kind);
        Assert.Equal(kind, network.Kind);
        Assert.Equal(name, network.Name);
        Assert.Equal(genesisHash, network.GenesisHash.ToString());
        Assert.Equal(genesisHash, network.GenesisHeader.GetHash().ToString());
        Assert.True(Network.TryGetByName(name, out var byName));
        Assert.Same(network, byName);
        Assert.True(Target.CheckProofOfWork(network.GenesisHash, network.GenesisHeader.Bits, network));
        Assert.Equal(network.PowLimitBits, Target.ToCompact(network.PowLimit));
        Assert.Equal(2016, network.DifficultyAdjustmentInterval);
    }

    [Fact]
    public void Parameters_MatchBitcoinCoreChainParams()
    {
        Assert.Equal([0x00], Network.Mainnet.Base58PubKeyHashPrefix);
        Assert.Equal([0x05], Network.Mainnet.Base58ScriptHashPrefix);
        Assert.Equal([0x80], Network.Mainnet.Base58SecretKeyPrefix);
        Assert.Equal([0x6f], Network.Testnet3.Base58PubKeyHashPrefix);
        Assert.Equal([0xc4], Network.Signet.Base58ScriptHashPrefix);
        Assert.Equal([0xef], Network.Regtest.Base58SecretKeyPrefix);
        Assert.Equal("bc", Network.Mainnet.Bech32Hrp);
        Assert.Equal("tb", Network.Testnet4.Bech32Hrp);
        Assert.Equal("bcrt", Network.Regtest.Bech32Hrp);
        Assert.Equal(8333, Network.Mainnet.DefaultPort);
        Assert.Equal(48333, Network.Testnet4.DefaultPort);

        var magic = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(magic, Network.Mainnet.Magic);
        Assert.Equal("f9beb4d9", Convert.ToHexStringLower(magic));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(magic, Network.Testnet4.Magic);
        Assert.Equal("1c163f28", Convert.ToHexStringLower(magic));

        Assert.True(Network.Testnet3.AllowMinDifficultyBlocks);
        Assert.False(Network.Mainnet.AllowMinDifficultyBlocks);
        Assert.True(Network.Testnet4.EnforceBip94);
        Assert.True(Network.Regtest.PowNoRetargeting);
        Assert.Equal(TimeSpan.FromDays(14), Network.Mainnet.PowTargetTimespan);
        Assert.Equal(TimeSpan.FromMinutes(10), Network.Mainnet.PowTargetSpacing);
    }

    [Fact]
    public void TryGetByName_RejectsUnknownNames()
    {
        Assert.False(Network.TryGetByName("testnet5", out _));
        Assert.False(Network.TryGetByName(null, out _));
        Assert.Equal(5, Network.All.Count);
    }
}
