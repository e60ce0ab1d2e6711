using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Grains.Hvm;

namespace Hemi.Grains.Tests.Hvm;

public sealed class HvmBitcoinIndexSnapshotPropertyTests
{
    private const uint FirstHeight = 500;

    private static readonly Hash256 Parent = Hash256.DoubleSha256("synthetic parent"u8);

    private static Config Config => Config.QuickThrowOnFailure.WithMaxTest(60);

    [Fact]
    public void ConnectThenDisconnectAll_GivesTheEmptyIndex()
    {
        var cases = from seed in Gen.Choose(0, int.MaxValue) from n in Gen.Choose(1, 12) select (seed, n);
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var blocks = SyntheticChain.Create(c.seed).Extend(Parent, c.n);
            var snapshot = ConnectAll(Empty, blocks, FirstHeight);
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                snapshot = snapshot.Disconnect(blocks[i].GetHash());
            }

            return snapshot.IsEmpty && snapshot.ContentEquals(Empty) && snapshot.GetStatistics() == Empty.GetStatistics();
        }));
    }

    [Fact]
    public void DisconnectThenReconnectAFork_EqualsConnectingTheForkDirectly()
    {
        var cases =
            from seed in Gen.Choose(0, int.MaxValue)
            from forkSeed in Gen.Choose(0, int.MaxValue)
            from n in Gen.Choose(1, 10)
            from depth in Gen.Choose(0, n)
            from forkLength in Gen.Choose(0, 6)
            select (seed, forkSeed, n, depth, forkLength);
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var generator = SyntheticChain.Create(c.seed);
            var common = generator.Extend(Parent, c.n - c.depth);
            var abandoned = generator.Fork(c.seed ^ 0x5555).Extend(TipOf(common), c.depth);
            var fork = generator.Fork(c.forkSeed).Extend(TipOf(common), c.forkLength);

            var reorged = ConnectAll(ConnectAll(Empty, common, FirstHeight), abandoned, FirstHeight + (uint)common.Count);
            for (var i = abandoned.Count - 1; i >= 0; i--)
            {
                reorged = reorged.Disconnect(abandoned[i].GetHash());
            }

            reorged = ConnectAll(reorged, fork, FirstHeight + (uint)common.Count);
            var direct = ConnectAll(Empty, [.. common, .. fork], FirstHeight);
            return reorged.ContentEquals(direct) && direct.ContentEquals(reorged);
        }));
    }

    [Fact]
    public void Queries_AgreeWithAReplayedModel()
    {
        var cases = from seed in Gen.Choose(0, int.MaxValue) from n in Gen.Choose(1, 12) select (seed, n);
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var blocks = SyntheticChain.Create(c.seed).Extend(Parent, c.n);
            var snapshot = ConnectAll(Empty, blocks, FirstHeight);
            var model = IndexModel.Replay(blocks, FirstHeight);
            AssertMatches(model, snapshot, blocks);
        }));
    }

    [Fact]
    public void Snapshots_AreNotChangedByLaterConnectsOrDisconnects()
    {
        var blocks = SyntheticChain.Create(7).Extend(Parent, 8);
        var halfway = ConnectAll(Empty, blocks.GetRange(0, 4), FirstHeight);
        var before = halfway.GetStatistics();
        var full = ConnectAll(halfway, blocks.GetRange(4, 4), FirstHeight + 4);
        var rewound = full.Disconnect(blocks[^1].GetHash()).Disconnect(blocks[^2].GetHash());

        Assert.Equal(before, halfway.GetStatistics());
        AssertMatches(IndexModel.Replay(blocks.GetRange(0, 4), FirstHeight), halfway, blocks.GetRange(0, 4));
        AssertMatches(IndexModel.Replay(blocks.GetRange(0, 6), FirstHeight), rewound, blocks.GetRange(0, 6));
    }

    [Fact]
    public void Connect_RejectsABlockThatDoesNotExtendTheTip()
    {
        var blocks = SyntheticChain.Create(3).Extend(Parent, 3);
        var snapshot = ConnectAll(Empty, blocks.GetRange(0, 2), FirstHeight);

        Assert.Throws<InvalidOperationException>(() => snapshot.Connect(blocks[2], FirstHeight + 5));
        Assert.Throws<InvalidOperationException>(() => snapshot.Connect(blocks[0], FirstHeight + 2));
        Assert.Throws<InvalidOperationException>(() => snapshot.Disconnect(blocks[0].GetHash()));
        Assert.Throws<InvalidOperationException>(() => Empty.Disconnect(blocks[0].GetHash()));
    }

    internal static HvmBitcoinIndexSnapshot Empty { get; } = HvmBitcoinIndexSnapshot.Empty(Network.Regtest);

    internal static HvmBitcoinIndexSnapshot ConnectAll(HvmBitcoinIndexSnapshot snapshot, IEnumerable<Block> blocks, uint height)
    {
        foreach (var block in blocks)
        {
            snapshot = snapshot.Connect(block, height++);
        }

        return snapshot;
    }

    private static Hash256 TipOf(List<Block> blocks) => blocks.Count > 0 ? blocks[^1].GetHash() : Parent;

    private static void AssertMatches(IndexModel model, HvmBitcoinIndexSnapshot snapshot, List<Block> blocks)
    {
        var statistics = snapshot.GetStatistics();
        Assert.Equal(model.Unspent.Count, statistics.UnspentOutputCount);
        Assert.Equal(model.Transactions.Count, statistics.TransactionCount);
        Assert.Equal(model.SpentBy.Count, statistics.SpentOutpointCount);
        Assert.Equal(blocks.Count, statistics.BlockCount);
        Assert.Equal(model.Transactions.Values.Sum(t => (long)t.Raw.Length), statistics.RawTransactionBytes);
        foreach (var script in SyntheticChain.Scripts.Append(SyntheticChain.OpReturn))
        {
            Assert.Equal(model.Balance(script), snapshot.GetBalance(script));
            var expected = model.Utxos(script);
            Assert.Equal(expected.Count, snapshot.CountUtxos(script));
            var listed = snapshot.GetUtxos(script, 0, int.MaxValue);
            Assert.Equal(expected.Select(u => (u.OutPoint.TxId, u.OutPoint.Index, u.Value)), listed.Select(u => (u.TxId, u.Index, u.Value)));
            // Paging walks the same order.
            var paged = Enumerable.Range(0, (expected.Count / 3) + 1).SelectMany(p => snapshot.GetUtxos(script, (ulong)p * 3, 3)).ToArray();
            Assert.Equal(listed, paged);
        }

        foreach (var (txId, (raw, block, height)) in model.Transactions)
        {
            var record = snapshot.GetTransaction(txId);
            Assert.NotNull(record);
            Assert.Equal(raw, record.Transaction.ToBytes());
            Assert.Equal(block, record.BlockHash);
            Assert.Equal(height, record.BlockHeight);
        }

        foreach (var outPoint in model.Seen)
        {
            Assert.Equal(model.Unspent.ContainsKey(outPoint), snapshot.IsUnspent(outPoint));
            Assert.Equal(model.SpentBy.TryGetValue(outPoint, out var spender) ? spender : null, snapshot.GetSpender(outPoint));
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.Equal(blocks[i].GetHash(), snapshot.GetHeader(FirstHeight + (uint)i)?.Hash);
            Assert.Equal(FirstHeight + (uint)i, snapshot.GetHeader(blocks[i].GetHash())?.Height);
        }

        Assert.Null(snapshot.GetHeader(FirstHeight - 1));
        Assert.Null(snapshot.GetHeader(FirstHeight + (uint)blocks.Count));
    }
}
