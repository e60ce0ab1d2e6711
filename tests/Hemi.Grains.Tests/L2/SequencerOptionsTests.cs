using Hemi.Ethereum;
using Hemi.Grains.L2.Sequencing;

namespace Hemi.Grains.Tests.L2;

public sealed class SequencerOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndFollowTheProtocol()
    {
        var options = new SequencerOptions();
        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(12), options.BlockInterval);
        Assert.Equal(25u, options.KeystonePeriod);
        Assert.Equal(0ul, options.PopPayoutDelay % options.KeystonePeriod);
    }

    public static TheoryData<string> Broken => new()
    {
        "chain", "interval", "gas", "period", "snapshot", "pool", "network", "delay", "negative", "duplicate", "hemibtc", "maxBlock", "hugeBlock", "minNegative", "minAboveMax",
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_RejectsOutOfRangeValues(string what)
    {
        var a = Address.Parse("0x00000000000000000000000000000000000000A1");
        var options = new SequencerOptions();
        switch (what)
        {
            case "chain": options.ChainId = 0; break;
            case "interval": options.BlockInterval = TimeSpan.FromSeconds(-1); break;
            case "gas": options.GasLimit = 100; break;
            case "period": options.KeystonePeriod = 0; break;
            case "snapshot": options.SnapshotInterval = 0; break;
            case "pool": options.MaxPoolSize = 0; break;
            case "network": options.BitcoinNetwork = " "; break;
            case "delay": options.PopPayoutDelay = 30; break;
            case "negative": options.GenesisAlloc = [new GenesisAccount(a, -1)]; break;
            case "duplicate": options.GenesisAlloc = [new GenesisAccount(a, 1), new GenesisAccount(a, 2)]; break;
            case "maxBlock": options.MaxBlockTransactions = 0; break;
            case "hugeBlock": options.MaxBlockTransactions = int.MaxValue; break;
            case "minNegative": options.MinBlockTransactions = -1; break;
            case "minAboveMax": options.MaxBlockTransactions = 100; options.MinBlockTransactions = 101; break;
            case "hemibtc": options.HemiBtcAddress = null; options.GenesisAlloc = [new GenesisAccount(a, 1, 5)]; break;
        }

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void ToGenesis_IsDeterministic()
    {
        var options = new SequencerOptions { ChainId = 5, GenesisTimestamp = 1, GenesisAlloc = [new GenesisAccount(Address.Parse("0x00000000000000000000000000000000000000A1"), 10, 20, 30)] };
        Assert.Equal(options.ToGenesis().Build().Header.Hash, options.ToGenesis().Build().Header.Hash);
        var other = new SequencerOptions { ChainId = 5, GenesisTimestamp = 1 };
        Assert.NotEqual(options.ToGenesis().Build().Header.Hash, other.ToGenesis().Build().Header.Hash);
    }
}
