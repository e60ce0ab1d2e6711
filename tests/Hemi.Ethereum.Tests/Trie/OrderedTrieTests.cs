using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class OrderedTrieTests
{
    [Fact]
    public void EmptyList_HasTheEmptyRoot()
    {
        Assert.Equal(PatriciaTrie.EmptyRootHash, OrderedTrie.ComputeRoot([]));
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(1, "01")]
    [InlineData(127, "7f")]
    [InlineData(128, "8180")]
    [InlineData(255, "81ff")]
    [InlineData(256, "820100")]
    [InlineData(65536, "83010000")]
    public void KeyOf_IsRlpOfTheIndex(int index, string expectedHex)
    {
        Assert.Equal(Convert.FromHexString(expectedHex), OrderedTrie.KeyOf(index));
    }

    [Fact]
    public void ComputeRoot_MatchesTheSameEntriesInsertedBackwards_AndProvesEachItem()
    {
        var random = new Random(20);
        var items = Enumerable.Range(0, 300).Select(i =>
        {
            var item = new byte[1 + random.Next(i % 2 == 0 ? 10 : 200)];
            random.NextBytes(item);
            return item;
        }).ToArray();

        var backwards = new PatriciaTrie();
        for (var i = items.Length - 1; i >= 0; i--)
        {
            backwards.Put(OrderedTrie.KeyOf(i), items[i]);
        }

        var root = OrderedTrie.ComputeRoot(items);
        Assert.Equal(backwards.RootHash, root);

        var trie = OrderedTrie.Build(items);
        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal(items[i], TrieProof.Verify(root, OrderedTrie.KeyOf(i), TrieProof.Generate(trie, OrderedTrie.KeyOf(i))));
        }

        Assert.Null(TrieProof.Verify(root, OrderedTrie.KeyOf(items.Length), TrieProof.Generate(trie, OrderedTrie.KeyOf(items.Length))));
    }

    [Fact]
    public void ComputeRoot_DependsOnItemOrder()
    {
        byte[][] items = [[0x01], [0x02, 0x03]];
        Assert.NotEqual(OrderedTrie.ComputeRoot(items), OrderedTrie.ComputeRoot([items[1], items[0]]));
    }

    [Fact]
    public void ComputeRoot_RejectsEmptyItems()
    {
        Assert.Throws<ArgumentException>(() => OrderedTrie.ComputeRoot([[0x01], []]));
    }
}
