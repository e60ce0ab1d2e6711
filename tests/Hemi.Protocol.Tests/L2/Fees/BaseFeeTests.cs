using System.Numerics;
using Hemi.Protocol.L2.Fees;

namespace Hemi.Protocol.Tests.L2.Fees;

public sealed class BaseFeeTests
{
    [Theory]
    // At target: unchanged.
    [InlineData(30_000_000UL, 15_000_000UL, "1000000000", "1000000000")]
    // Full block: +1/8.
    [InlineData(30_000_000UL, 30_000_000UL, "1000000000", "1125000000")]
    // Empty block: −1/8.
    [InlineData(30_000_000UL, 0UL, "1000000000", "875000000")]
    // 20M of a 15M target: 1e9·5M/15M = 333333333, /8 = 41666666 → up.
    [InlineData(30_000_000UL, 20_000_000UL, "1000000000", "1041666666")]
    // 10M: the same delta down.
    [InlineData(30_000_000UL, 10_000_000UL, "1000000000", "958333334")]
    // A tiny base fee still rises by at least 1 wei.
    [InlineData(30_000_000UL, 30_000_000UL, "7", "8")]
    [InlineData(30_000_000UL, 15_000_001UL, "0", "1")]
    // ...but may stay put when falling (integer division rounds the decrease to 0).
    [InlineData(30_000_000UL, 0UL, "7", "7")]
    [InlineData(30_000_000UL, 0UL, "8", "7")]
    // Odd limit: target = floor(limit/2).
    [InlineData(3UL, 3UL, "800", "1000")]
    public void Next_MatchesHandComputedValues(ulong gasLimit, ulong gasUsed, string parent, string expected)
    {
        Assert.Equal(BigInteger.Parse(expected), BaseFee.Next(gasLimit, gasUsed, BigInteger.Parse(parent)));
    }

    [Fact]
    public void Next_RejectsZeroTargetAndNegativeFee()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BaseFee.Next(1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => BaseFee.Next(30_000_000, 0, -1));
    }

    [Fact]
    public void Next_NeverChangesByMoreThanAnEighth()
    {
        var fee = BaseFee.Initial;
        for (ulong used = 0; used <= 30_000_000; used += 1_234_567)
        {
            var next = BaseFee.Next(30_000_000, used, fee);
            Assert.True(BigInteger.Abs(next - fee) <= (fee / 8) + 1);
            fee = next;
        }
    }
}
