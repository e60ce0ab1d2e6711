using System.Buffers.Binary;
using System.Numerics;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Chain;

public sealed class MainnetHeaderChainTests
{
    private const string HeadersFile = "hemi/mainnet_headers.bin";

    private static (byte[] Raw, List<BlockHeader> ByHeight) Load()
    {
        var file = TestVectors.ReadAllBytes(HeadersFile);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(file);
        Assert.Equal(32260u, count);
        var raw = file[4..];
        Assert.Equal(count * 80, (uint)raw.Length);
        var byHeight = new List<BlockHeader> { Network.Mainnet.GenesisHeader };
        for (var i = 0; i < count; i++)
        {
            byHeight.Add(BlockHeader.Parse(raw.AsSpan(i * 80, 80)));
        }

        return (raw, byHeight);
    }

    private static TimeProvider ClockAfter(List<BlockHeader> headers) => FixedTimeProvider.At(headers[^1].Time + 3600L);

    [VectorFact(HeadersFile)]
    public void AllHeaders_ValidateFromGenesis_ThroughTheFirstRetarget()
    {
        var (raw, byHeight) = Load();
        var tree = new HeaderTree(Network.Mainnet, ClockAfter(byHeight));
        var update = tree.AddHeaders(raw);

        Assert.NotNull(update);
        Assert.Equal(32260, tree.Height);
        Assert.Equal(32261, tree.Count);
        Assert.False(update.IsReorg);
        Assert.Equal(Network.Mainnet.GenesisHash, update.ForkPoint.Hash);
        Assert.Equal(32260, update.Connected.Count);
        Assert.Equal(byHeight[1].GetHash(), update.Connected[0].Hash);
        Assert.Equal(byHeight[^1].GetHash(), tree.Tip.Hash);

        Assert.Equal(0x1d00ffffu, tree.GetBestChainHeader(32255)!.Bits);
        Assert.Equal(0x1d00d86au, tree.GetBestChainHeader(32256)!.Bits);
        Assert.Equal(byHeight[32256], tree.GetBestChainHeader(32256));

        var locator = tree.GetLocator();
        Assert.Equal(tree.Tip.Hash, locator[0]);
        Assert.Equal(byHeight[32251].GetHash(), locator[9]);
        Assert.Equal(byHeight[32249].GetHash(), locator[10]);
        Assert.Equal(byHeight[32245].GetHash(), locator[11]);
        Assert.Equal(Network.Mainnet.GenesisHash, locator[^1]);
        Assert.True(locator.Count < 30);

        // Cumulative work: 32256 blocks at difficulty 1 (genesis included), then five at the new target.
        var expected = (32256 * Target.GetWork(0x1d00ffff).ToBigInteger()) + (5 * Target.GetWork(0x1d00d86a).ToBigInteger());
        Assert.Equal(expected, tree.Tip.ChainWork.ToBigInteger());
    }

    [VectorFact(HeadersFile)]
    public void Validator_OverPlainAncestry_AgreesWithTheTree_AtTheRetarget()
    {
        var (_, byHeight) = Load();
        var validator = new HeaderChainValidator(Network.Mainnet, ClockAfter(byHeight));
        var parent = new ListAncestry(byHeight, 32255);
        Assert.Equal(0x1d00d86au, validator.GetNextWorkRequired(parent, byHeight[32256].Time));
        Assert.Equal(HeaderValidationError.None, validator.Check(byHeight[32256], parent));
        Assert.Equal(0x1d00d86au, validator.GetNextWorkRequired(new ListAncestry(byHeight, 32256), byHeight[32257].Time));
        Assert.Equal(0x1d00ffffu, validator.GetNextWorkRequired(new ListAncestry(byHeight, 32254), byHeight[32255].Time));
    }

    [VectorFact(HeadersFile)]
    public void Tree_RefusesHeaderWithBadProofOfWork()
    {
        var (raw, byHeight) = Load();
        var tree = new HeaderTree(Network.Mainnet, ClockAfter(byHeight));
        tree.AddHeaders(raw.AsSpan(0, 999 * 80));
        var forged = byHeight[1000].WithNonce(byHeight[1000].Nonce + 1);
        var e = Assert.Throws<HeaderValidationException>(() => tree.Add(forged));
        Assert.Equal(HeaderValidationError.BadProofOfWork, e.Reason);
        Assert.Equal(999, tree.Height);
        Assert.NotNull(tree.Add(byHeight[1000]));
        Assert.Equal(1000, tree.Height);
    }

    [VectorFact(HeadersFile)]
    public void Tree_RefusesBrokenLink_AndReportsHowManyHeadersWereAccepted()
    {
        var (raw, byHeight) = Load();
        var tree = new HeaderTree(Network.Mainnet, ClockAfter(byHeight));
        byte[] gap = [.. raw.AsSpan(0, 10 * 80), .. raw.AsSpan(11 * 80, 80)];
        var error = tree.TryAddHeaders(gap, out var update, out var accepted);
        Assert.Equal(HeaderValidationError.BadLink, error);
        Assert.Equal(10, accepted);
        Assert.Equal(10, tree.Height);
        Assert.NotNull(update);
        Assert.Equal(10, update.Connected.Count);

        var orphan = new BlockHeader(1, Hash256.DoubleSha256("nowhere"u8), byHeight[5].MerkleRoot, byHeight[5].Time, byHeight[5].Bits, byHeight[5].Nonce);
        Assert.Equal(HeaderValidationError.BadLink, tree.TryAdd(orphan, out _));
    }

    [VectorFact(HeadersFile)]
    public void Tree_RefusesHeadersMoreThanTwoHoursInTheFuture()
    {
        var (raw, byHeight) = Load();
        long now = byHeight[500].Time - HeaderChainValidator.MaxFutureBlockTime - 1;
        var tree = new HeaderTree(Network.Mainnet, FixedTimeProvider.At(now));
        var error = tree.TryAddHeaders(raw.AsSpan(0, 600 * 80), out _, out var accepted);
        Assert.Equal(HeaderValidationError.TimeTooNew, error);
        Assert.True(accepted < 500);
        Assert.Equal(accepted, tree.Height);
        Assert.True(byHeight[accepted + 1].Time > now + HeaderChainValidator.MaxFutureBlockTime);
        for (var h = 1; h <= accepted; h++)
        {
            Assert.True(byHeight[h].Time <= now + HeaderChainValidator.MaxFutureBlockTime);
        }
    }

    [VectorFact(HeadersFile)]
    public void Validator_RefusesWrongBitsAtRetarget_WhenThePeriodTimingDiffers()
    {
        var (_, byHeight) = Load();
        var validator = new HeaderChainValidator(Network.Mainnet, ClockAfter(byHeight));
        var header = byHeight[32256];
        Assert.Equal(HeaderValidationError.None, validator.CheckContextual(header.Version, header.Time, header.Bits, new ListAncestry(byHeight, 32255), long.MaxValue / 2));

        // Move the first block of the period one day later: the required bits change, the real header's do not.
        var doctored = new List<BlockHeader>(byHeight);
        var first = doctored[30240];
        doctored[30240] = new BlockHeader(first.Version, first.PrevBlock, first.MerkleRoot, first.Time + 86400, first.Bits, first.Nonce);
        var parent = new ListAncestry(doctored, 32255);
        Assert.NotEqual(0x1d00d86au, validator.GetNextWorkRequired(parent, header.Time));
        Assert.Equal(HeaderValidationError.BadDifficulty, validator.CheckContextual(header.Version, header.Time, header.Bits, parent, long.MaxValue / 2));

        // A non-retarget height must keep its parent's bits.
        Assert.Equal(HeaderValidationError.BadDifficulty, validator.CheckContextual(1, byHeight[100].Time, 0x1d00fffe, new ListAncestry(byHeight, 99), long.MaxValue / 2));
    }

    [VectorFact(HeadersFile)]
    public void Validator_RefusesTimeNotAfterMedianTimePast()
    {
        var (_, byHeight) = Load();
        var validator = new HeaderChainValidator(Network.Mainnet, ClockAfter(byHeight));
        var parent = new ListAncestry(byHeight, 2000);
        var times = new List<uint>();
        for (var h = 1990; h <= 2000; h++)
        {
            times.Add(byHeight[h].Time);
        }

        times.Sort();
        var mtp = times[5];
        Assert.Equal(mtp, ((IHeaderAncestry)parent).GetMedianTimePast());
        Assert.Equal(HeaderValidationError.TimeTooOld, validator.CheckContextual(1, mtp, 0x1d00ffff, parent, long.MaxValue / 2));
        Assert.Equal(HeaderValidationError.None, validator.CheckContextual(1, mtp + 1, 0x1d00ffff, parent, long.MaxValue / 2));
    }

    [Fact]
    public void Validator_RefusesObsoleteVersions_AfterTheirActivationHeights()
    {
        var validator = new HeaderChainValidator(Network.Regtest);
        var genesis = new List<BlockHeader> { Network.Regtest.GenesisHeader };
        var parent = new ListAncestry(genesis, 0);
        var time = Network.Regtest.GenesisHeader.Time + 600;
        Assert.Equal(HeaderValidationError.ObsoleteVersion, validator.CheckContextual(3, time, 0x207fffff, parent, long.MaxValue / 2));
        Assert.Equal(HeaderValidationError.None, validator.CheckContextual(4, time, 0x207fffff, parent, long.MaxValue / 2));
    }
}
