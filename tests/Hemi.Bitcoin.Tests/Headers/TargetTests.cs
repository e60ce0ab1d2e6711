using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Headers;

public sealed class TargetTests
{
    [VectorFact("bitcoinjs-lib/block.json")]
    public void FromCompact_MatchesBitcoinjsTargets()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/block.json"));
        var count = 0;
        foreach (var item in doc.RootElement.GetProperty("targets").EnumerateArray())
        {
            var bits = uint.Parse(item.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = item.GetProperty("expected").GetString()!;
            // bitcoinjs ignores the sign bit; Core reports it separately and keeps the same magnitude.
            var target = Target.FromCompact(bits, out _, out var overflow);
            Assert.False(overflow);
            Assert.Equal(expected, target.ToString());
            count++;
        }

        Assert.True(count >= 6);
    }

    // Bitcoin Core arith_uint256_tests "bignum_SetCompact" expectations.
    [Theory]
    [InlineData(0x00000000u, "0", false, false, 0x00000000u)]
    [InlineData(0x00123456u, "0", false, false, 0x00000000u)]
    [InlineData(0x01003456u, "0", false, false, 0x00000000u)]
    [InlineData(0x02000056u, "0", false, false, 0x00000000u)]
    [InlineData(0x03000000u, "0", false, false, 0x00000000u)]
    [InlineData(0x04000000u, "0", false, false, 0x00000000u)]
    [InlineData(0x00923456u, "0", false, false, 0x00000000u)]
    [InlineData(0x01803456u, "0", false, false, 0x00000000u)]
    [InlineData(0x02800056u, "0", false, false, 0x00000000u)]
    [InlineData(0x03800000u, "0", false, false, 0x00000000u)]
    [InlineData(0x04800000u, "0", false, false, 0x00000000u)]
    [InlineData(0x01123456u, "12", false, false, 0x01120000u)]
    [InlineData(0x01fedcbau, "7e", true, false, 0x01fe0000u)]
    [InlineData(0x02123456u, "1234", false, false, 0x02123400u)]
    [InlineData(0x03123456u, "123456", false, false, 0x03123456u)]
    [InlineData(0x04123456u, "12345600", false, false, 0x04123456u)]
    [InlineData(0x04923456u, "12345600", true, false, 0x04923456u)]
    [InlineData(0x05009234u, "92340000", false, false, 0x05009234u)]
    [InlineData(0x20123456u, "1234560000000000000000000000000000000000000000000000000000000000", false, false, 0x20123456u)]
    public void FromCompact_FollowsBitcoinCoreRules(uint bits, string magnitudeHex, bool negative, bool overflow, uint recompact)
    {
        var target = Target.FromCompact(bits, out var isNegative, out var isOverflow);
        Assert.Equal(BigInteger.Parse("0" + magnitudeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture), target.ToBigInteger());
        Assert.Equal(negative, isNegative);
        Assert.Equal(overflow, isOverflow);
        Assert.Equal(recompact, Target.ToCompact(target, isNegative));
    }

    [Theory]
    [InlineData(0xff123456u)]
    [InlineData(0x23000001u)]
    [InlineData(0x22000100u)]
    [InlineData(0x21010000u)]
    public void FromCompact_ReportsOverflow(uint bits)
    {
        Target.FromCompact(bits, out _, out var overflow);
        Assert.True(overflow);
        Assert.Throws<OverflowException>(() => Target.ToBigInteger(bits));
        Assert.True(Target.GetWork(bits).IsZero);
    }

    [Fact]
    public void GetWork_OfDifficultyOne_Is0x100010001()
    {
        Assert.Equal(new BigInteger(0x100010001), Target.GetWork(0x1d00ffff).ToBigInteger());
        Assert.True(Target.GetWork(0x01803456).IsZero); // zero target
        Assert.True(Target.GetWork(0x04923456).IsZero); // negative target
    }

    [Fact]
    public void GetWork_EqualsTwoTo256DividedByTargetPlusOne() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0x03, 0x20).SelectMany(size => Gen.Choose(1, 0x7fffff).Select(word => ((uint)size << 24) | (uint)word))),
            bits =>
            {
                var target = Target.ToBigInteger(bits);
                return target.IsZero || Target.GetWork(bits).ToBigInteger() == (BigInteger.One << 256) / (target + 1);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void CheckProofOfWork_RejectsTargetsAboveTheLimit_AndNegativeTargets()
    {
        var easyHash = Hash256.Zero;
        Assert.True(Target.CheckProofOfWork(easyHash, 0x1d00ffff, Network.Mainnet));
        Assert.False(Target.CheckProofOfWork(easyHash, 0x1d01ffff, Network.Mainnet)); // above powLimit
        Assert.True(Target.CheckProofOfWork(easyHash, 0x1d01ffff, Network.Regtest));
        Assert.False(Target.CheckProofOfWork(easyHash, 0x1c800001, Network.Mainnet)); // negative
        Assert.False(Target.CheckProofOfWork(easyHash, 0x00000000, Network.Mainnet)); // zero
        Assert.False(Target.CheckProofOfWork(Hash256.Parse("00000000ffff0000000000000000000000000000000000000000000000000001"), 0x1d00ffff, Network.Mainnet));
        Assert.True(Target.CheckProofOfWork(Hash256.Parse("00000000ffff0000000000000000000000000000000000000000000000000000"), 0x1d00ffff, Network.Mainnet));
    }
}
