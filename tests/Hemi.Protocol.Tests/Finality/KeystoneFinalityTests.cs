using Hemi.Bitcoin;
using Hemi.Protocol.Finality;
using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Tests.Finality;

public sealed class KeystoneFinalityTests
{
    private static List<L2Keystone> Chain(int count) =>
        Enumerable.Range(1, count)
            .Select(i => new L2Keystone
            {
                L1BlockNumber = (uint)(1000 + i),
                L2BlockNumber = (uint)(25 * i),
                ParentEPHash = Enumerable.Repeat((byte)i, 32).ToArray(),
                PrevKeystoneEPHash = Enumerable.Repeat((byte)(i - 1), 32).ToArray(),
                StateRoot = Enumerable.Repeat((byte)(i + 100), 32).ToArray(),
                EPHash = Enumerable.Repeat((byte)(i + 200), 32).ToArray(),
            })
            .ToList();

    private static Func<L2KeystoneAbrev, KeystonePublication?> Published(IReadOnlyList<L2Keystone> chain, Dictionary<int, uint> heightByIndex)
    {
        var byHash = heightByIndex.ToDictionary(
            kv => chain[kv.Key].Abbreviate().GetHash(),
            kv => new KeystonePublication(Hash256.FromInternal(Enumerable.Repeat((byte)kv.Key, 32).ToArray()), kv.Value));
        return k => byHash.GetValueOrDefault(k.GetHash());
    }

    [Fact]
    public void Unpublished_HasZeroConfirmationsAndLegacyMinusNine()
    {
        var chain = Chain(3);

        var result = KeystoneFinality.Compute(chain, _ => null, 1000);

        Assert.Null(result.FinalizedBy);
        Assert.Equal(0u, result.EffectiveConfirmations);
        Assert.Equal(0u, result.BlockHeight);
        Assert.False(result.SuperFinality);
        Assert.Equal(-9, result.LegacyBtcFinality);
    }

    [Theory]
    [InlineData(100u, 100u, 0u, false, -8)]
    [InlineData(100u, 109u, 9u, false, 1)]
    [InlineData(100u, 110u, 10u, true, 2)]
    [InlineData(1u, 1000u, 999u, true, 100)]
    public void OwnPublication_GivesTipMinusHeight(uint published, uint tip, uint confirmations, bool superFinal, int legacy)
    {
        var chain = Chain(1);

        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [0] = published }), tip);

        Assert.Equal(confirmations, result.EffectiveConfirmations);
        Assert.Equal(superFinal, result.SuperFinality);
        Assert.Equal(legacy, result.LegacyBtcFinality);
        Assert.Same(chain[0], result.FinalizedBy);
        Assert.Equal(published, result.BlockHeight);
    }

    [Fact]
    public void DescendantPublication_FinalizesAncestor()
    {
        var chain = Chain(4);

        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [0] = 95, [2] = 90 }), 100);

        Assert.Equal(10u, result.EffectiveConfirmations);
        Assert.True(result.SuperFinality);
        Assert.Same(chain[2], result.FinalizedBy);
        Assert.Equal(90u, result.BlockHeight);
    }

    [Fact]
    public void Search_ContinuesPastTenDescendantsWhileBelowTwenty()
    {
        var chain = Chain(25);

        // Only the 15th descendant is published, 12 blocks deep: reachable through a second step.
        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [15] = 88 }), 100);

        Assert.Equal(12u, result.EffectiveConfirmations);
        Assert.Same(chain[15], result.FinalizedBy);
    }

    [Fact]
    public void Search_StopsOnceTwentyConfirmationsAreFound()
    {
        var chain = Chain(25);

        // Within the first window 25 confirmations; a deeper publication further on is not searched.
        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [3] = 75, [14] = 10 }), 100);

        Assert.Equal(25u, result.EffectiveConfirmations);
        Assert.Same(chain[3], result.FinalizedBy);
        // v1 looks at every descendant without the search window.
        Assert.Equal(82, result.LegacyBtcFinality);
    }

    [Fact]
    public void Ties_CreditTheOlderKeystone()
    {
        var chain = Chain(3);

        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [1] = 90, [2] = 90 }), 100);

        Assert.Same(chain[1], result.FinalizedBy);
    }

    [Fact]
    public void PublicationAboveTip_IsIgnored()
    {
        var chain = Chain(2);

        var result = KeystoneFinality.Compute(chain, Published(chain, new() { [0] = 101, [1] = 99 }), 100);

        Assert.Equal(1u, result.EffectiveConfirmations);
        Assert.Same(chain[1], result.FinalizedBy);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(1u, 25u)]
    [InlineData(25u, 25u)]
    [InlineData(26u, 50u)]
    [InlineData(2634175u, 2634175u)]
    public void KeystoneNumberFor_IsNextMultipleOfPeriod(uint block, uint expected)
    {
        Assert.Equal(expected, KeystoneFinality.KeystoneNumberFor(block));
    }
}
