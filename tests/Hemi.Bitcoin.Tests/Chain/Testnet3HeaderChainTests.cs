using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

public sealed class Testnet3HeaderChainTests
{
    private const string HeadersFile = "bitcoin-headers/blockheader_testnet3.hex";

    private static (List<BlockHeader> Real, List<BlockHeader> Fork) Load()
    {
        var real = new List<BlockHeader>();
        var fork = new List<BlockHeader>();
        foreach (var line in TestVectors.ReadText(HeadersFile).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("fork:", StringComparison.Ordinal))
            {
                fork.Add(BlockHeader.ParseHex(line["fork:".Length..]));
            }
            else
            {
                real.Add(BlockHeader.ParseHex(line));
            }
        }

        return (real, fork);
    }

    [VectorFact(HeadersFile)]
    public void RealHeaders_ValidateFromGenesis_IncludingMinimumDifficultyBlocks()
    {
        var (real, _) = Load();
        Assert.Equal(546, real.Count);
        var tree = new HeaderTree(Network.Testnet3, FixedTimeProvider.At(real[^1].Time + 3600L));
        foreach (var header in real)
        {
            tree.Add(header);
        }

        Assert.Equal(546, tree.Height);
        Assert.Equal(real[^1].GetHash(), tree.Tip.Hash);

        // Compare with the uncached walk-back over a plain list.
        var byHeight = new List<BlockHeader> { Network.Testnet3.GenesisHeader };
        byHeight.AddRange(real);
        var validator = new HeaderChainValidator(Network.Testnet3, FixedTimeProvider.At(real[^1].Time + 3600L));
        var minDifficultyAfterGap = 0;
        for (var h = 1; h < byHeight.Count; h++)
        {
            var parent = new ListAncestry(byHeight, h - 1);
            Assert.Equal(HeaderValidationError.None, validator.Check(byHeight[h], parent));
            if (byHeight[h].Time > byHeight[h - 1].Time + 1200)
            {
                minDifficultyAfterGap++;
                Assert.Equal(Network.Testnet3.PowLimitBits, validator.GetNextWorkRequired(parent, byHeight[h].Time));
            }
        }

        Assert.True(minDifficultyAfterGap > 0);
    }

    [VectorFact(HeadersFile)]
    public void ForkHeaders_FromGenesis_LoseToTheLongerRealChain_AndWinWhenAlone()
    {
        var (real, fork) = Load();
        Assert.Equal(2, fork.Count);
        Assert.Equal(Network.Testnet3.GenesisHash, fork[0].PrevBlock);
        var clock = FixedTimeProvider.At(Math.Max(real[^1].Time, fork[^1].Time) + 3600L);

        // Alone, the synthetic fork becomes the best chain.
        var forkFirst = new HeaderTree(Network.Testnet3, clock);
        foreach (var header in fork)
        {
            Assert.NotNull(forkFirst.Add(header));
        }

        Assert.Equal(2, forkFirst.Height);

        // Three real headers carry more work: a reorg that disconnects both fork headers.
        forkFirst.Add(real[0]);
        Assert.Equal(fork[1].GetHash(), forkFirst.Tip.Hash); // one real header: less work, side branch
        Assert.Null(forkFirst.Add(real[1])); // equal work: the first-seen tip stays
        var update = forkFirst.Add(real[2]);
        Assert.NotNull(update);
        Assert.True(update.IsReorg);
        Assert.Equal(Network.Testnet3.GenesisHash, update.ForkPoint.Hash);
        Assert.Equal([fork[1].GetHash(), fork[0].GetHash()], update.Disconnected.Select(e => e.Hash));
        Assert.Equal([real[0].GetHash(), real[1].GetHash(), real[2].GetHash()], update.Connected.Select(e => e.Hash));
        Assert.False(forkFirst.IsOnBestChain(fork[0].GetHash()));
        Assert.True(forkFirst.Contains(fork[1].GetHash()));
    }
}
