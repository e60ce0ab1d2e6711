using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

public sealed class HeaderTreeTests
{
    private static readonly BlockHeader Genesis = Network.Regtest.GenesisHeader;
    private static readonly TimeProvider Clock = FixedTimeProvider.At(Genesis.Time + 10_000_000L);

    [Fact]
    public void LongerBranch_CausesReorg_WithDisconnectedAndConnectedLists()
    {
        var tree = new HeaderTree(Network.Regtest, Clock);
        var a = RegtestMiner.MineChain(Genesis, 5, Genesis.Time + 600, tag: 1);
        var b = RegtestMiner.MineChain(a[1], 4, Genesis.Time + 700, tag: 2); // forks after a[1]

        HeaderTreeUpdate? last = null;
        foreach (var header in a)
        {
            last = tree.Add(header);
            Assert.NotNull(last);
            Assert.False(last.IsReorg);
        }

        Assert.Equal(a[^1].GetHash(), last!.NewTip.Hash);
        Assert.Equal(a[^2].GetHash(), last.OldTip.Hash);
        Assert.Equal(a[^2].GetHash(), last.ForkPoint.Hash);

        Assert.Null(tree.Add(b[0])); // height 3 < 5
        Assert.Null(tree.Add(b[1])); // height 4
        Assert.Null(tree.Add(b[2])); // height 5: tie, first seen wins
        Assert.Equal(a[^1].GetHash(), tree.Tip.Hash);

        var update = tree.Add(b[3]);
        Assert.NotNull(update);
        Assert.True(update.IsReorg);
        Assert.Equal(a[1].GetHash(), update.ForkPoint.Hash);
        Assert.Equal(2, update.ForkPoint.Height);
        Assert.Equal(a[^1].GetHash(), update.OldTip.Hash);
        Assert.Equal(b[3].GetHash(), update.NewTip.Hash);
        Assert.Equal([a[4].GetHash(), a[3].GetHash(), a[2].GetHash()], update.Disconnected.Select(e => e.Hash));
        Assert.Equal(b.Select(h => h.GetHash()), update.Connected.Select(e => e.Hash));
        Assert.Equal([3, 4, 5, 6], update.Connected.Select(e => e.Height));

        Assert.Equal(6, tree.Height);
        Assert.Equal(b[0], tree.GetBestChainHeader(3));
        Assert.Equal(a[1], tree.GetBestChainHeader(2));
        Assert.Null(tree.GetBestChainHeader(7));
        Assert.True(tree.TryGetAncestor(a[4].GetHash(), 4, out var ancestorOnSideBranch));
        Assert.Equal(a[3].GetHash(), ancestorOnSideBranch.Hash);
        Assert.True(tree.TryGetAncestor(b[3].GetHash(), 1, out var sharedAncestor));
        Assert.Equal(a[0].GetHash(), sharedAncestor.Hash);
        Assert.Equal(a[4], tree.GetHeader(a[4].GetHash()));
        Assert.Equal(10, tree.Count);

        // Switching back: the old branch needs two more blocks to win.
        var a2 = RegtestMiner.MineChain(a[4], 2, Genesis.Time + 9000, tag: 3);
        Assert.Null(tree.Add(a2[0]));
        var back = tree.Add(a2[1]);
        Assert.NotNull(back);
        Assert.Equal(b.Select(h => h.GetHash()).Reverse(), back.Disconnected.Select(e => e.Hash));
        Assert.Equal(7, tree.Height);
        Assert.Equal(a[2], tree.GetBestChainHeader(3));
    }

    [Fact]
    public void ChainWork_AccumulatesPerHeader()
    {
        var tree = new HeaderTree(Network.Regtest, Clock);
        var chain = RegtestMiner.MineChain(Genesis, 3, Genesis.Time + 600, tag: 4);
        var update = tree.AddHeaders(chain.SelectMany(h => h.ToBytes()).ToArray());
        Assert.NotNull(update);
        var perBlock = Target.GetWork(0x207fffff).ToBigInteger();
        Assert.Equal(2, perBlock);
        Assert.Equal(4 * perBlock, tree.Tip.ChainWork.ToBigInteger());
        Assert.Equal(Genesis.GetHash(), update.OldTip.Hash);
        Assert.Equal(3, update.Connected.Count);
    }

    [Fact]
    public void DuplicateHeader_IsIgnored()
    {
        var tree = new HeaderTree(Network.Regtest, Clock);
        var header = RegtestMiner.Mine(Genesis, Genesis.Time + 600);
        Assert.NotNull(tree.Add(header));
        Assert.Null(tree.Add(header));
        Assert.Null(tree.Add(Genesis));
        Assert.Equal(2, tree.Count);
    }

    [Fact]
    public void WrongBits_AndTimeAtMedian_AreRefused()
    {
        var tree = new HeaderTree(Network.Regtest, Clock);
        var chain = RegtestMiner.MineChain(Genesis, 3, Genesis.Time + 600, tag: 5);
        foreach (var header in chain)
        {
            tree.Add(header);
        }

        // Bits 0x207ffffe still have easy proof of work but are not what regtest requires.
        BlockHeader wrongBits;
        for (uint nonce = 0; ; nonce++)
        {
            wrongBits = new BlockHeader(4, chain[^1].GetHash(), Hash256.Zero, chain[^1].Time + 600, 0x207ffffe, nonce);
            if (Target.CheckProofOfWork(wrongBits.GetHash(), wrongBits.Bits, Network.Regtest))
            {
                break;
            }
        }

        Assert.Equal(HeaderValidationError.BadDifficulty, Assert.Throws<HeaderValidationException>(() => tree.Add(wrongBits)).Reason);

        // Times of genesis + 3 blocks: the median of four is the third smallest (index 2).
        var median = chain[1].Time;
        var tooOld = RegtestMiner.Mine(chain[^1], median, tag: 6);
        Assert.Equal(HeaderValidationError.TimeTooOld, tree.TryAdd(tooOld, out var none));
        Assert.Null(none);
        Assert.NotNull(tree.Add(RegtestMiner.Mine(chain[^1], median + 1, tag: 6)));
    }

    [Fact]
    public void AddHeaders_RejectsPartialHeaderData() =>
        Assert.Throws<BitcoinFormatException>(() => new HeaderTree(Network.Regtest, Clock).AddHeaders(new byte[81]));
}
