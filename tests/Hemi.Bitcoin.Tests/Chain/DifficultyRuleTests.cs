using System.Numerics;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

public sealed class DifficultyRuleTests
{
    private const long FarFuture = long.MaxValue / 2;

    /// <summary>A synthetic period (heights 0..2015) with 600 s spacing; <paramref name="bitsAt"/> picks each block's bits.</summary>
    private static List<BlockHeader> Period(Func<int, uint> bitsAt, uint startTime = 1_700_000_000)
    {
        var headers = new List<BlockHeader>();
        var prev = Hash256.Zero;
        for (var h = 0; h < 2016; h++)
        {
            var header = new BlockHeader(4, prev, Hash256.Zero, startTime + (uint)(h * 600), bitsAt(h), 0);
            headers.Add(header);
            prev = header.GetHash();
        }

        return headers;
    }

    private static uint Expected(uint baseBits, long timespan)
    {
        var target = Target.ToBigInteger(baseBits) * Math.Clamp(timespan, 302400, 4838400) / 1209600;
        return Target.ToCompact(BigInteger.Min(target, Network.Testnet4.PowLimit));
    }

    [Fact]
    public void Bip94_RetargetsFromTheFirstBlockOfThePeriod_NotTheLast()
    {
        const uint real = 0x1c0ffff0;
        var limit = Network.Testnet4.PowLimitBits;
        // The period starts at real difficulty and ends on a minimum-difficulty block.
        var headers = Period(h => h == 2015 ? limit : real);
        var parent = new ListAncestry(headers, 2015);
        var time = headers[^1].Time + 600;

        var bip94 = new HeaderChainValidator(Network.Testnet4).GetNextWorkRequired(parent, time);
        Assert.Equal(Expected(real, 2015 * 600), bip94);

        var legacy = new HeaderChainValidator(Network.Testnet3).GetNextWorkRequired(parent, time);
        Assert.Equal(Expected(limit, 2015 * 600), legacy);
        Assert.NotEqual(bip94, legacy);
    }

    [Fact]
    public void Bip94_RefusesTimewarpAtThePeriodBoundary()
    {
        const uint real = 0x1c0ffff0;
        var headers = Period(_ => real);
        var parent = new ListAncestry(headers, 2015);
        var testnet4 = new HeaderChainValidator(Network.Testnet4);
        var bits = testnet4.GetNextWorkRequired(parent, headers[^1].Time);
        var prevTime = headers[^1].Time;

        Assert.Equal(HeaderValidationError.TimeWarp, testnet4.CheckContextual(4, prevTime - 601, bits, parent, FarFuture));
        Assert.Equal(HeaderValidationError.None, testnet4.CheckContextual(4, prevTime - 600, bits, parent, FarFuture));

        // Testnet3 has no timewarp rule; only the median-time-past applies.
        var testnet3 = new HeaderChainValidator(Network.Testnet3);
        Assert.Equal(HeaderValidationError.None, testnet3.CheckContextual(4, prevTime - 601, testnet3.GetNextWorkRequired(parent, prevTime - 601), parent, FarFuture));

        // Inside a period the timewarp rule does not apply.
        var inner = new ListAncestry(headers, 2000);
        Assert.Equal(HeaderValidationError.None, testnet4.CheckContextual(4, headers[2000].Time - 601, real, inner, FarFuture));
    }

    [Fact]
    public void Testnet_MinimumDifficultyRule_AndWalkBack()
    {
        const uint real = 0x1c0ffff0;
        var limit = Network.Testnet3.PowLimitBits;
        // Heights 0..99 real, 100..120 minimum difficulty.
        var headers = Period(h => h <= 99 ? real : limit).GetRange(0, 121);
        var validator = new HeaderChainValidator(Network.Testnet3);
        var parent = new ListAncestry(headers, 120);
        var prevTime = headers[120].Time;

        Assert.Equal(limit, validator.GetNextWorkRequired(parent, prevTime + 1201));
        Assert.Equal(real, validator.GetNextWorkRequired(parent, prevTime + 1200));
        Assert.Equal(real, HeaderChainValidator.WalkBackMinDifficulty(parent, Network.Testnet3));

        // The walk-back stops at a period boundary even when that block is at minimum difficulty.
        var boundary = Period(h => h < 2015 ? real : limit);
        boundary.AddRange(Period(_ => limit, boundary[^1].Time + 600).GetRange(0, 5));
        Assert.Equal(limit, HeaderChainValidator.WalkBackMinDifficulty(new ListAncestry(boundary, 2020), Network.Testnet3));

        // Mainnet never allows it: the parent's bits are required however long the gap.
        Assert.Equal(headers[120].Bits, new HeaderChainValidator(Network.Mainnet).GetNextWorkRequired(parent, prevTime + 100_000));
        Assert.Equal(real, new HeaderChainValidator(Network.Mainnet).GetNextWorkRequired(new ListAncestry(headers, 99), prevTime + 100_000));
    }

    [Fact]
    public void Retarget_ClampsToAFactorOfFour_AndThePowLimit()
    {
        Assert.Equal(Expected(0x1b0404cb, 302400), HeaderChainValidator.CalculateNextWorkRequired(Network.Mainnet, 0x1b0404cb, 1000, 1000));
        Assert.Equal(Expected(0x1b0404cb, 4838400), HeaderChainValidator.CalculateNextWorkRequired(Network.Mainnet, 0x1b0404cb, 100_000_000, 0));
        Assert.Equal(0x1d00ffffu, HeaderChainValidator.CalculateNextWorkRequired(Network.Mainnet, 0x1d00ffff, 100_000_000, 0));
        Assert.Equal(0x207fffffu, HeaderChainValidator.CalculateNextWorkRequired(Network.Regtest, 0x207fffff, 1000, 1000));
    }
}
