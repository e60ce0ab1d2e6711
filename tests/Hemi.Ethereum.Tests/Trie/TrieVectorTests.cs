using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class TrieVectorTests
{
    private const string Folder = "ethereum-tests/TrieTests/";

    [VectorTheory(Folder + "trietest.json", Folder + "trieanyorder.json", Folder + "trietest_secureTrie.json",
        Folder + "trieanyorder_secureTrie.json", Folder + "hex_encoded_securetrie_test.json")]
    [InlineData("trietest.json", false)]
    [InlineData("trieanyorder.json", false)]
    [InlineData("trietest_secureTrie.json", true)]
    [InlineData("trieanyorder_secureTrie.json", true)]
    [InlineData("hex_encoded_securetrie_test.json", true)]
    public void RootHash_MatchesEveryCaseInFile(string file, bool secure)
    {
        var cases = TrieTestCase.Load(Folder + file);
        Assert.NotEmpty(cases);
        foreach (var testCase in cases)
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in testCase.Operations)
            {
                trie.Put(TrieKey(key, secure), value ?? []);
            }

            Assert.True(testCase.ExpectedRoot == trie.RootHash, $"{file}/{testCase.Name}: expected {testCase.ExpectedRoot}, got {trie.RootHash}");
        }
    }

    [VectorTheory(Folder + "trieanyorder.json", Folder + "trieanyorder_secureTrie.json", Folder + "hex_encoded_securetrie_test.json")]
    [InlineData("trieanyorder.json", false)]
    [InlineData("trieanyorder_secureTrie.json", true)]
    [InlineData("hex_encoded_securetrie_test.json", true)]
    public void RootHash_DoesNotDependOnInsertionOrder(string file, bool secure)
    {
        foreach (var testCase in TrieTestCase.Load(Folder + file))
        {
            var reversed = new PatriciaTrie();
            foreach (var (key, value) in testCase.Operations.Reverse())
            {
                reversed.Put(TrieKey(key, secure), value ?? []);
            }

            var shuffled = new PatriciaTrie();
            foreach (var (key, value) in testCase.Operations.OrderBy(op => Convert.ToHexString(op.Key).GetHashCode(StringComparison.Ordinal)))
            {
                shuffled.Put(TrieKey(key, secure), value ?? []);
            }

            Assert.True(testCase.ExpectedRoot == reversed.RootHash, $"{file}/{testCase.Name} reversed");
            Assert.True(testCase.ExpectedRoot == shuffled.RootHash, $"{file}/{testCase.Name} shuffled");
        }
    }

    [VectorTheory(Folder + "trietest.json", Folder + "trieanyorder.json", Folder + "trietest_secureTrie.json")]
    [InlineData("trietest.json", false)]
    [InlineData("trieanyorder.json", false)]
    [InlineData("trietest_secureTrie.json", true)]
    public void CommittedTrie_ReopenedFromRoot_ServesEveryValueAndProof(string file, bool secure)
    {
        foreach (var testCase in TrieTestCase.Load(Folder + file))
        {
            var store = new InMemoryTrieNodeStore();
            var trie = new PatriciaTrie(store);
            foreach (var (key, value) in testCase.Operations)
            {
                trie.Put(TrieKey(key, secure), value ?? []);
            }

            var root = trie.Commit();
            Assert.Equal(testCase.ExpectedRoot, root);

            var reopened = new PatriciaTrie(store, root);
            foreach (var (key, value) in testCase.FinalState().Values)
            {
                var trieKey = TrieKey(key, secure);
                Assert.Equal(value, reopened.Get(trieKey));
                Assert.Equal(value, TrieProof.Verify(root, trieKey, TrieProof.Generate(reopened, trieKey)));
            }

            Assert.Equal(root, reopened.RootHash);
        }
    }

    [VectorFact(Folder + "trietest.json")]
    public void DeletingEveryKey_LeavesTheEmptyRoot()
    {
        foreach (var testCase in TrieTestCase.Load(Folder + "trietest.json"))
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in testCase.Operations)
            {
                trie.Put(key, value ?? []);
            }

            foreach (var (key, _) in testCase.FinalState().Values)
            {
                Assert.True(trie.Delete(key), $"{testCase.Name}: key {Convert.ToHexString(key)} should have been present");
            }

            Assert.Equal(PatriciaTrie.EmptyRootHash, trie.RootHash);
            Assert.True(trie.IsEmpty);
        }
    }

    [VectorFact(Folder + "hex_encoded_securetrie_test.json")]
    public void AccountValues_InSecureTrieVectors_RoundTripThroughAccountState()
    {
        foreach (var testCase in TrieTestCase.Load(Folder + "hex_encoded_securetrie_test.json"))
        {
            var state = new SecureTrie();
            foreach (var (key, value) in testCase.Operations)
            {
                var account = AccountState.Decode(value);
                Assert.Equal(value, account.Encode());
                state.Put(key, account.Encode());
            }

            Assert.Equal(testCase.ExpectedRoot, state.RootHash);
        }
    }

    private static byte[] TrieKey(byte[] key, bool secure) => secure ? SecureTrie.HashKey(key) : key;
}
