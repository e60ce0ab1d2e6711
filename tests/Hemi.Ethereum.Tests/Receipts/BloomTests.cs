using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Receipts;

namespace Hemi.Ethereum.Tests.Receipts;

public sealed class BloomTests
{
    private static readonly Address Emitter = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    // keccak256("Transfer(address,address,uint256)"), the ERC-20 Transfer event topic.
    private static readonly Hash32 TransferTopic = Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    [Fact]
    public void Add_SetsTheThreeYellowPaperBits_AsA2048BitBigEndianNumber()
    {
        var bloom = new Bloom();
        bloom.Add(Emitter);
        bloom.Add(TransferTopic);

        // Yellow paper M3:2048 — for each item, bits given by the low 11 bits of the first three byte pairs of
        // its keccak256, numbered from the least significant end of a 2048-bit big-endian number.
        var expected = BigInteger.Zero;
        foreach (var item in new[] { Emitter.ToBytes(), TransferTopic.ToBytes() })
        {
            var hash = Hemi.Crypto.Keccak256.Hash(item);
            for (var pair = 0; pair < 3; pair++)
            {
                var index = ((hash[2 * pair] * 256) + hash[(2 * pair) + 1]) % 2048;
                expected |= BigInteger.One << index;
            }
        }

        var expectedBytes = new byte[256];
        var raw = expected.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(expectedBytes, 256 - raw.Length);
        Assert.Equal(expectedBytes, bloom.ToBytes());
        Assert.InRange(BitCount(bloom.ToBytes()), 1, 6);
    }

    [Fact]
    public void Contains_AddedItems_AndRejectsMostOthers()
    {
        var bloom = new Bloom();
        bloom.Add(Emitter);
        bloom.Add(TransferTopic);
        Assert.True(bloom.Contains(Emitter));
        Assert.True(bloom.Contains(TransferTopic));

        var absent = Enumerable.Range(0, 200).Count(i => bloom.Contains(BitConverter.GetBytes(i)));
        Assert.True(absent < 5, $"{absent} of 200 absent items reported present in a 2-item bloom");
    }

    [Fact]
    public void Or_IsTheUnionOfBits()
    {
        var a = new Bloom();
        a.Add(Emitter);
        var b = new Bloom();
        b.Add(TransferTopic);
        var both = new Bloom();
        both.Add(Emitter);
        both.Add(TransferTopic);

        a.Or(b);
        Assert.Equal(both, a);
        Assert.True(a.Contains(b));
        Assert.False(new Bloom().Contains(Emitter));
    }

    [Fact]
    public void FromLogs_IndexesAddressAndTopicsButNotData()
    {
        var log = new Log(Emitter, [TransferTopic], [1, 2, 3]);
        var bloom = Bloom.FromLogs([log]);
        var manual = new Bloom();
        manual.Add(Emitter);
        manual.Add(TransferTopic);
        Assert.Equal(manual, bloom);
        Assert.Equal(bloom, Bloom.FromLogs([log with { Data = [9, 9] }]));
    }

    [Fact]
    public void Constructor_RejectsWrongLength()
    {
        Assert.Throws<ArgumentException>(() => new Bloom(new byte[255]));
    }

    private static int BitCount(byte[] bytes) => bytes.Sum(b => BitOperations.PopCount(b));

    [Fact]
    public void OrAndContains_AgreeWithBytewiseOperations_OnArbitraryBlooms()
    {
        var blooms = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), Bloom.Length).Two();
        Prop.ForAll(blooms.ToArbitrary(), pair =>
        {
            var (x, y) = pair;
            var merged = new Bloom(x);
            merged.Or(new Bloom(y));
            var expected = x.Zip(y, (a, b) => (byte)(a | b)).ToArray();
            var contained = x.Zip(y, (a, b) => (a & b) == b).All(bit => bit);
            return merged.AsSpan().SequenceEqual(expected)
                && new Bloom(x).Contains(new Bloom(y)) == contained
                && merged.Contains(new Bloom(x)) && merged.Contains(new Bloom(y));
        }).QuickCheckThrowOnFailure();
    }
}
