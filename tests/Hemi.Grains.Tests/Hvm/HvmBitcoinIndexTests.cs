using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Hvm;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;

namespace Hemi.Grains.Tests.Hvm;

public sealed class HvmBitcoinIndexTests
{
    private static readonly Hash256 Parent = Hash256.DoubleSha256("index parent"u8);

    [Fact]
    public void GetViewAt_ServesKeptSnapshotsOnlyAndForgetsTheOldest()
    {
        var index = new HvmBitcoinIndex(Network.Regtest, retainedSnapshots: 3, maxRewindBlocks: 0);
        var blocks = SyntheticChain.Create(11).Extend(Parent, 6);
        var indexer = index.CreateIndexer();
        for (var i = 0; i < blocks.Count; i++)
        {
            indexer.ConnectBlock(blocks[i], 10 + i);
        }

        Assert.Equal(blocks[^1].GetHash(), index.Current.Tip?.Hash);
        Assert.Null(index.GetViewAt(blocks[2].GetHash()));
        var pinned = index.GetViewAt(blocks[3].GetHash());
        Assert.NotNull(pinned);
        Assert.Equal(13u, pinned.GetBestHeader()?.Height);
        // Pinned to block 13: it answers as of that block, whatever was connected later.
        var model = IndexModel.Replay(blocks.GetRange(0, 4), 10);
        foreach (var script in SyntheticChain.Scripts)
        {
            Assert.Equal(model.Balance(script), pinned.GetBalance(script));
        }

        Assert.Null(pinned.GetHeaderByHeight(14));
        Assert.Null(index.GetViewAt(Hash256.DoubleSha256("never indexed"u8)));
    }

    [Fact]
    public void GetViewAt_RecomputesOlderBlocksOfTheCurrentChainWithinTheRewindLimit()
    {
        var index = new HvmBitcoinIndex(Network.Regtest, retainedSnapshots: 1, maxRewindBlocks: 3);
        var blocks = SyntheticChain.Create(16).Extend(Parent, 8);
        var indexer = index.CreateIndexer();
        for (var i = 0; i < blocks.Count; i++)
        {
            indexer.ConnectBlock(blocks[i], 20 + i);
        }

        for (var back = 1; back <= 3; back++)
        {
            var at = blocks.Count - 1 - back;
            var view = index.GetViewAt(blocks[at].GetHash());
            Assert.NotNull(view);
            Assert.True(view.Snapshot.ContentEquals(
                HvmBitcoinIndexSnapshotPropertyTests.ConnectAll(HvmBitcoinIndexSnapshotPropertyTests.Empty, blocks.GetRange(0, at + 1), 20)));
            // The same block again reuses the recomputed snapshot.
            Assert.Same(view.Snapshot, index.GetViewAt(blocks[at].GetHash())?.Snapshot);
        }

        Assert.Null(index.GetViewAt(blocks[^5].GetHash()));
        // Reorganised away and no longer kept: not reachable any more.
        indexer.DisconnectBlock(blocks[^1].GetHash());
        indexer.DisconnectBlock(blocks[^2].GetHash());
        Assert.Null(index.GetViewAt(blocks[^1].GetHash()));
        Assert.Null(index.GetViewAt(blocks[^2].GetHash()));
        Assert.Equal(blocks[^4].GetHash(), index.GetViewAt(blocks[^4].GetHash())?.GetBestHeader()?.Hash);
    }

    [Fact]
    public void KeptSnapshot_StaysRightForItsHashAfterTheBlockIsReorganisedAway()
    {
        var index = new HvmBitcoinIndex(Network.Regtest);
        var blocks = SyntheticChain.Create(12).Extend(Parent, 4);
        var indexer = index.CreateIndexer();
        for (var i = 0; i < blocks.Count; i++)
        {
            indexer.ConnectBlock(blocks[i], i);
        }

        indexer.DisconnectBlock(blocks[3].GetHash());
        indexer.DisconnectBlock(blocks[2].GetHash());

        Assert.Equal(blocks[1].GetHash(), index.Current.Tip?.Hash);
        var orphan = index.GetViewAt(blocks[3].GetHash());
        Assert.NotNull(orphan);
        Assert.True(orphan.Snapshot.ContentEquals(HvmBitcoinIndexSnapshotPropertyTests.ConnectAll(HvmBitcoinIndexSnapshotPropertyTests.Empty, blocks, 0)));
    }

    [Fact]
    public void CreateIndexer_RestartsFromEmptyAndSilencesTheOlderIndexer()
    {
        var index = new HvmBitcoinIndex(Network.Regtest);
        var blocks = SyntheticChain.Create(13).Extend(Parent, 3);
        var first = index.CreateIndexer();
        first.ConnectBlock(blocks[0], 0);
        first.ConnectBlock(blocks[1], 1);

        var second = index.CreateIndexer();
        Assert.True(index.Current.IsEmpty);
        first.ConnectBlock(blocks[2], 2);
        first.DisconnectBlock(blocks[1].GetHash());
        Assert.True(index.Current.IsEmpty);

        second.ConnectBlock(blocks[0], 0);
        second.ConnectBlock(blocks[0], 0);
        second.DisconnectBlock(Hash256.DoubleSha256("unknown"u8));
        Assert.Equal(1, index.Current.GetStatistics().BlockCount);
        // Still reachable: a kept snapshot is right for its hash whoever built it.
        Assert.NotNull(index.GetViewAt(blocks[1].GetHash()));
    }

    [Fact]
    public async Task Readers_AlwaysSeeWholeBlocksWhileTheWriterConnectsAndDisconnects()
    {
        var blocks = SyntheticChain.Create(14).Extend(Parent, 40);
        // The expected statistics of every prefix of the chain, keyed by tip height.
        var expected = new Dictionary<long, HvmBitcoinIndexStatistics>();
        var snapshot = HvmBitcoinIndexSnapshotPropertyTests.Empty;
        for (var i = 0; i < blocks.Count; i++)
        {
            snapshot = snapshot.Connect(blocks[i], (uint)i);
            expected[i] = snapshot.GetStatistics();
        }

        var index = new HvmBitcoinIndex(Network.Regtest);
        var indexer = index.CreateIndexer();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var current = index.Current;
                var statistics = current.GetStatistics();
                if (statistics.TipHeight >= 0 && statistics != expected[statistics.TipHeight])
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        // Let the readers run before (and while) the writer works.
        while (Volatile.Read(ref reads) == 0)
        {
            await Task.Delay(1);
        }

        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                indexer.ConnectBlock(blocks[i], i);
            }

            for (var i = blocks.Count - 1; i >= 10; i--)
            {
                indexer.DisconnectBlock(blocks[i].GetHash());
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.True(reads > 0);
    }

    [Fact]
    public void HostileQueries_AreBounded()
    {
        var blocks = SyntheticChain.Create(15).Extend(Parent, 30);
        var view = new HvmBitcoinIndexView(HvmBitcoinIndexSnapshotPropertyTests.ConnectAll(HvmBitcoinIndexSnapshotPropertyTests.Empty, blocks, 0));
        var script = SyntheticChain.Scripts[0];
        var total = view.Snapshot.CountUtxos(script);
        Assert.True(total > 3);

        Assert.Empty(view.GetUtxos(script, ulong.MaxValue, int.MaxValue));
        Assert.Empty(view.GetUtxos(script, (ulong)total, 10));
        Assert.Empty(view.GetUtxos(script, 0, 0));
        Assert.Empty(view.GetUtxos(script, 0, int.MinValue));
        Assert.Single(view.GetUtxos(script, (ulong)total - 1, int.MaxValue));
        Assert.Equal(total, view.GetUtxos(script, 0, int.MaxValue).Count);
        Assert.Empty(view.GetUtxos(new byte[100_000], 0, 10));
        Assert.Equal(0UL, view.GetBalance([]));
        Assert.Null(view.GetTransaction(Hash256.Zero));
        Assert.False(view.IsUnspent(OutPoint.Null));
        Assert.Null(view.GetHeaderByHeight(uint.MaxValue));

        // Through the precompiles: an unknown txid is "not found" (empty output), the largest page is an empty list.
        var unknown = HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, new BitcoinTxQuery(Hash256.DoubleSha256("x"u8), new BitcoinTxQueryFlags(0xFFFF_FFFF)).Encode(), view);
        Assert.Equal(HvmPrecompileStatus.NotFound, unknown.Status);
        Assert.Empty(unknown.Output);
        var address = BitcoinAddressOf(script);
        var lastPage = HvmPrecompiles.Run(HvmPrecompile.BtcUtxosAddrList, new BitcoinUtxoQuery(address, BitcoinUtxoQuery.MaxPage, 255).Encode(), view);
        Assert.Equal(HvmPrecompileStatus.Success, lastPage.Status);
        Assert.Equal([0], lastPage.Output);
    }

    [Fact]
    public void BalanceOfManyOutputs_DoesNotWrap()
    {
        var script = SyntheticChain.Scripts[1];
        var huge = new TxOut(long.MaxValue, script);
        var parent = Parent;
        var snapshot = HvmBitcoinIndexSnapshotPropertyTests.Empty;
        for (var i = 0; i < 3; i++)
        {
            var coinbase = new Transaction(1, [new TxIn(OutPoint.Null, [0x01, (byte)i], TxIn.FinalSequence)], [huge], 0);
            var block = new Hemi.Bitcoin.Blocks.Block(new Hemi.Bitcoin.Headers.BlockHeader(1, parent, Hash256.Zero, (uint)i, 0x207fffff, 0), [coinbase]);
            snapshot = snapshot.Connect(block, (uint)i);
            parent = block.GetHash();
        }

        Assert.Equal(ulong.MaxValue, snapshot.GetBalance(script));
        Assert.Equal(3, snapshot.CountUtxos(script));
    }

    private static string BitcoinAddressOf(byte[] script) => Hemi.Bitcoin.Addresses.BitcoinAddress.FromScriptPubKey(script, Network.Regtest);
}
