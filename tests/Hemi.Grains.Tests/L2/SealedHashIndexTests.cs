using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.L2.Storage;

namespace Hemi.Grains.Tests.L2;

public sealed class SealedHashIndexTests
{
    private static Hash32 HashOf(string text) => new(Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text)));

    private static HashIndexedBlock Block(ulong number, int transactions) =>
        new(number, HashOf($"block {number}"), Enumerable.Range(0, transactions).Select(t => HashOf($"tx {number}/{t}")).ToArray());

    [Fact]
    public void Add_MakesBlocksAndTransactionsFindableByHash()
    {
        var index = new SealedHashIndex();
        index.AddUnsegmented(0, HashOf("genesis"));
        index.Add(Block(1, 2));
        index.Add(Block(2, 3));
        Assert.True(index.TryGetBlockNumber(HashOf("genesis"), out var genesis));
        Assert.Equal(0ul, genesis);
        Assert.True(index.TryGetBlockNumber(HashOf("block 2"), out var number));
        Assert.Equal(2ul, number);
        Assert.True(index.TryGetTransaction(HashOf("tx 2/1"), out var location));
        Assert.Equal((2ul, 1), location);
        Assert.False(index.ContainsTransaction(HashOf("tx 3/0")));
        Assert.False(index.TryGetBlockNumber(HashOf("block 3"), out _));
        Assert.Equal(5, index.TransactionCount);
    }

    [Fact]
    public void PendingSegment_CoversTheUnstoredBlocks_AndMarkStoredAdvances()
    {
        var index = new SealedHashIndex();
        for (ulong n = 1; n <= 5; n++)
        {
            index.Add(Block(n, (int)n));
        }

        var segment = index.PendingSegment(3)!;
        Assert.Equal((1ul, 3ul), (segment.First, segment.Last));
        index.MarkStored(3);
        Assert.Equal(3ul, index.StoredThrough);
        Assert.Equal([4ul, 5ul], index.Unstored.Select(b => b.Number));
        Assert.Equal((4ul, 5ul), (index.PendingSegment(10)!.First, index.PendingSegment(10)!.Last));
        Assert.Null(index.PendingSegment(3));
        Assert.Throws<InvalidOperationException>(() => index.MarkStored(9));
    }

    [Fact]
    public void AddStored_ThenReplayedBlocks_OnlyWaitBeyondTheStoredSegments()
    {
        var index = new SealedHashIndex();
        index.AddStored(new HashIndexSegment([Block(1, 1), Block(2, 1)]));
        Assert.Throws<InvalidOperationException>(() => index.AddStored(new HashIndexSegment([Block(4, 1)])));
        index.Add(Block(2, 1));
        index.Add(Block(3, 1));
        Assert.Equal(2ul, index.StoredThrough);
        Assert.Equal([3ul], index.Unstored.Select(b => b.Number));
        Assert.Throws<InvalidOperationException>(() => index.Add(Block(5, 1)));
    }
}
