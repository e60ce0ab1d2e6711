using System.Globalization;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

public sealed class DifficultyChangeTests
{
    private const string CsvFile = "bitcoin-headers/mainnet_diff-change_headers.csv";

    [VectorFact(CsvFile)]
    public void EveryMainnetRetarget_RecomputesFromFirstAndLastBlockOfThePeriod()
    {
        var rows = new Dictionary<int, (BlockHeader Header, UInt256 ChainWork)>();
        foreach (var line in TestVectors.ReadText(CsvFile).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("height", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(',');
            var work = UInt256.FromBigInteger(System.Numerics.BigInteger.Parse("0" + parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            rows[int.Parse(parts[0], CultureInfo.InvariantCulture)] = (BlockHeader.ParseHex(parts[1]), work);
        }

        Assert.Equal(827, rows.Count);
        Assert.Equal(Network.Mainnet.GenesisHeader, rows[0].Header);
        Assert.Equal(Target.GetWork(0x1d00ffff), rows[0].ChainWork);

        var retargets = 0;
        var changed = 0;
        for (var h = 2016; rows.ContainsKey(h); h += 2016)
        {
            var first = rows[h - 2016].Header;
            var last = rows[h - 1];
            var current = rows[h];

            Assert.Equal(last.Header.GetHash(), current.Header.PrevBlock);
            Assert.True(Target.CheckProofOfWork(current.Header.GetHash(), current.Header.Bits, Network.Mainnet));
            Assert.True(Target.CheckProofOfWork(last.Header.GetHash(), last.Header.Bits, Network.Mainnet));

            var required = HeaderChainValidator.CalculateNextWorkRequired(Network.Mainnet, last.Header.Bits, last.Header.Time, first.Time);
            Assert.Equal(current.Header.Bits, required);

            // Chain work grows by exactly the new block's work.
            var delta = current.ChainWork.ToBigInteger() - last.ChainWork.ToBigInteger();
            Assert.Equal(Target.GetWork(current.Header.Bits).ToBigInteger(), delta);

            // Within a period every block has the same bits, so the work accumulated over it is 2016 × work(bits).
            if (rows.TryGetValue(h - 2016, out var periodStart) && h - 2016 > 0)
            {
                var periodWork = last.ChainWork.ToBigInteger() - periodStart.ChainWork.ToBigInteger();
                Assert.Equal(2015 * Target.GetWork(periodStart.Header.Bits).ToBigInteger(), periodWork);
            }

            retargets++;
            if (current.Header.Bits != last.Header.Bits)
            {
                changed++;
            }
        }

        Assert.Equal(413, retargets);
        Assert.True(changed > 350);
    }
}
