using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class PatriciaTrieTests
{
    [Fact]
    public void EmptyTrie_HasTheHashOfTheEmptyString()
    {
        var trie = new PatriciaTrie();
        Assert.Equal(Hash32.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"), trie.RootHash);
        Assert.Equal(new Hash32(Keccak256.Hash([0x80])), trie.RootHash);
        Assert.True(trie.IsEmpty);
        Assert.Null(trie.Get("anything"u8));
    }

    [Fact]
    public void SingleShortLeaf_RootIsHashOfItsShortEncoding()
    {
        var trie = new PatriciaTrie();
        trie.Put([0x01], [0x02]);
        // Key 0x01 is the even nibble path [0, 1]: leaf hex-prefix 0x20 0x01, value 0x02, so rlp = c4 82 20 01 02.
        Assert.Equal(new Hash32(Keccak256.Hash([0xc4, 0x82, 0x20, 0x01, 0x02])), trie.RootHash);
    }

    [Fact]
    public void Put_EmptyValue_DeletesTheKey()
    {
        var trie = new PatriciaTrie();
        trie.Put("dog"u8, "puppy"u8);
        trie.Put("doge"u8, "coin"u8);
        var withOne = new PatriciaTrie();
        withOne.Put("doge"u8, "coin"u8);

        trie.Put("dog"u8, []);

        Assert.Null(trie.Get("dog"u8));
        Assert.Equal(withOne.RootHash, trie.RootHash);
    }

    [Fact]
    public void Delete_AbsentKey_ReturnsFalseAndKeepsRoot()
    {
        var trie = new PatriciaTrie();
        trie.Put("do"u8, "verb"u8);
        trie.Put("dog"u8, "puppy"u8);
        var root = trie.RootHash;

        Assert.False(trie.Delete("d"u8));
        Assert.False(trie.Delete("dogs"u8));
        Assert.False(trie.Delete("cat"u8));
        Assert.True(trie.Delete("do"u8));
        Assert.False(trie.Delete("do"u8));
        Assert.NotEqual(root, trie.RootHash);
    }

    [Fact]
    public void Get_ReturnsACopy_SoCallersCannotCorruptCachedNodes()
    {
        var trie = new PatriciaTrie();
        trie.Put("key"u8, "value"u8);
        var root = trie.RootHash;

        trie.Get("key"u8)![0] ^= 0xff;

        Assert.Equal("value"u8.ToArray(), trie.Get("key"u8));
        Assert.Equal(root, trie.RootHash);
    }

    [Fact]
    public void PutSameValueAgain_KeepsRootAndWritesNothingOnCommit()
    {
        var store = new CountingNodeStore(new InMemoryTrieNodeStore());
        var trie = new PatriciaTrie(store);
        var keys = RandomKeys(200, seed: 1);
        foreach (var key in keys)
        {
            trie.Put(key, Keccak256.Hash(key));
        }

        var root = trie.Commit();
        var writes = store.Writes;
        trie.Put(keys[7], Keccak256.Hash(keys[7]));

        Assert.Equal(root, trie.Commit());
        Assert.Equal(writes, store.Writes);
    }

    [Fact]
    public void Commit_AfterOneUpdate_WritesOnlyTheChangedPath()
    {
        var store = new CountingNodeStore(new InMemoryTrieNodeStore());
        var trie = new PatriciaTrie(store);
        var keys = RandomKeys(5000, seed: 2);
        foreach (var key in keys)
        {
            trie.Put(key, Keccak256.Hash(key));
        }

        trie.Commit();
        var before = store.Writes;
        Assert.True(before > 5000);

        trie.Put(keys[123], Encoding.ASCII.GetBytes("a new value that is long enough to be hashed"));
        trie.Commit();

        // Root to leaf in a trie of 5000 random keys is about four nodes.
        var written = store.Writes - before;
        Assert.InRange(written, 2, 8);
    }

    [Fact]
    public void OpenedTrie_LoadsOnlyTheNodesItWalks()
    {
        var inner = new InMemoryTrieNodeStore();
        var trie = new PatriciaTrie(inner);
        var keys = RandomKeys(5000, seed: 3);
        foreach (var key in keys)
        {
            trie.Put(key, Keccak256.Hash(key));
        }

        var root = trie.Commit();
        var store = new CountingNodeStore(inner);
        var reopened = new PatriciaTrie(store, root);

        Assert.Equal(Keccak256.Hash(keys[42]), reopened.Get(keys[42]));
        Assert.InRange(store.Reads, 2, 8);
        Assert.Equal(root, reopened.RootHash);
    }

    [Fact]
    public void OpenedTrie_WithShortRoot_IsReadable()
    {
        var store = new InMemoryTrieNodeStore();
        var trie = new PatriciaTrie(store);
        trie.Put([0x01], [0x02]);
        var root = trie.Commit();

        var reopened = new PatriciaTrie(store, root);

        Assert.Equal([0x02], reopened.Get([0x01]));
        reopened.Put([0x01, 0x02], [0x03]);
        trie.Put([0x01, 0x02], [0x03]);
        Assert.Equal(trie.RootHash, reopened.RootHash);
    }

    [Fact]
    public void OpenedTrie_MissingNode_ThrowsMissingTrieNodeException()
    {
        var root = Hash32.Parse("0x" + new string('a', 64));
        var trie = new PatriciaTrie(new InMemoryTrieNodeStore(), root);

        var error = Assert.Throws<MissingTrieNodeException>(() => trie.Get([1, 2, 3]));
        Assert.Equal(root, error.NodeHash);
        Assert.Equal(root, trie.RootHash);
    }

    [Fact]
    public void OpenedTrie_StoreReturningAnotherNode_ThrowsTrieException()
    {
        var inner = new InMemoryTrieNodeStore();
        var trie = new PatriciaTrie(inner);
        foreach (var key in RandomKeys(100, seed: 4))
        {
            trie.Put(key, Keccak256.Hash(key));
        }

        var root = trie.Commit();
        var someOtherNode = inner.Nodes.First(n => n.Key != root).Value;
        var store = new CountingNodeStore(inner) { Corrupt = (_, _) => someOtherNode };

        Assert.Throws<TrieException>(() => new PatriciaTrie(store, root).Get([1]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xc0 })]
    [InlineData(new byte[] { 0xc3, 0x80, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xc2, 0x80 })]
    [InlineData(new byte[] { 0x83, 0x01, 0x02, 0x03 })]
    public void OpenedTrie_StoreReturningGarbage_ThrowsTrieException(byte[] garbage)
    {
        var store = new InMemoryTrieNodeStore();
        var root = new Hash32(Keccak256.Hash(garbage));
        store.Put(root, garbage);

        Assert.ThrowsAny<TrieException>(() => new PatriciaTrie(store, root).Get([1]));
    }

    [Fact]
    public void OpenedTrie_OverRandomOrMutatedStoredNodes_OnlyThrowsTrieException()
    {
        var inner = new InMemoryTrieNodeStore();
        var source = new PatriciaTrie(inner);
        var keys = RandomKeys(50, seed: 5);
        foreach (var key in keys)
        {
            source.Put(key, Keccak256.Hash(key));
        }

        var root = source.Commit();
        var gen =
            from position in Gen.Choose(0, 600)
            from value in ArbMap.Default.GeneratorFor<byte>()
            from cut in Gen.Choose(0, 600)
            from probe in Gen.Elements(keys)
            select (position, value, cut, probe);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            // Every node read from the store comes back damaged: the hash check or the decoder must report it.
            var store = new CountingNodeStore(inner)
            {
                Corrupt = (_, node) =>
                {
                    var copy = (byte[])node.Clone();
                    copy[input.position % copy.Length] = input.value;
                    return copy[..Math.Max(0, Math.Min(copy.Length, input.cut))];
                },
            };
            try
            {
                new PatriciaTrie(store, root).Get(input.probe);
                return true;
            }
            catch (TrieException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReopenedTrie_GeneratesTheSameProofsAsTheOriginal()
    {
        var store = new InMemoryTrieNodeStore();
        var trie = new PatriciaTrie(store);
        var keys = RandomKeys(300, seed: 6);
        foreach (var key in keys)
        {
            trie.Put(key, Keccak256.Hash(key)[..(1 + (key[0] % 31))]);
        }

        var reopened = new PatriciaTrie(store, trie.Commit());
        foreach (var key in keys.Take(50).Concat(RandomKeys(20, seed: 7)))
        {
            Assert.Equal(TrieProof.Generate(trie, key), TrieProof.Generate(reopened, key));
        }
    }

    [Fact]
    public void SecureTrie_StoresUnderKeccakOfKey()
    {
        var secure = new SecureTrie();
        var plain = new PatriciaTrie();
        secure.Put("dog"u8, "puppy"u8);
        plain.Put(Keccak256.Hash("dog"u8), "puppy"u8);

        Assert.Equal(plain.RootHash, secure.RootHash);
        Assert.Equal("puppy"u8.ToArray(), secure.Get("dog"u8));
        Assert.True(secure.Delete("dog"u8));
        Assert.Equal(PatriciaTrie.EmptyRootHash, secure.RootHash);
    }

    internal static byte[][] RandomKeys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            keys[i] = new byte[32];
            random.NextBytes(keys[i]);
        }

        return keys;
    }
}
