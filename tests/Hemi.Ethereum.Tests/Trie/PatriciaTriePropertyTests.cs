using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class PatriciaTriePropertyTests
{
    [Fact]
    public void AnyOperationOrder_GivesSameRootAsSortedInsertOfFinalSet()
    {
        Prop.ForAll(TrieGenerators.Operations.ToArbitrary(), operations =>
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in operations)
            {
                if (value is null)
                {
                    trie.Delete(key);
                }
                else
                {
                    trie.Put(key, value);
                }
            }

            var model = TrieGenerators.Apply(operations);
            var fresh = new PatriciaTrie();
            foreach (var entry in model.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                fresh.Put(entry.Value.Key, entry.Value.Value);
            }

            return trie.RootHash == fresh.RootHash
                && operations.All(op => Same(model.TryGetValue(Convert.ToHexString(op.Key), out var e) ? e.Value : null, trie.Get(op.Key)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RootHashBetweenUpdates_DoesNotChangeTheFinalRoot()
    {
        // Exercises the cached-hash invalidation: hashing after every step must not leave stale encodings behind.
        Prop.ForAll(TrieGenerators.Operations.ToArbitrary(), operations =>
        {
            var hashedEachStep = new PatriciaTrie();
            var hashedOnce = new PatriciaTrie();
            foreach (var (key, value) in operations)
            {
                hashedEachStep.Put(key, value ?? []);
                _ = hashedEachStep.RootHash;
                hashedOnce.Put(key, value ?? []);
            }

            return hashedEachStep.RootHash == hashedOnce.RootHash;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DeletingEveryKeyInAnyOrder_GivesTheEmptyRoot()
    {
        var gen =
            from operations in TrieGenerators.Operations
            from seed in ArbMap.Default.GeneratorFor<int>()
            select (operations, seed);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in input.operations)
            {
                trie.Put(key, value ?? []);
            }

            var remaining = TrieGenerators.Apply(input.operations).Values.ToList();
            var random = new Random(input.seed);
            var allDeleted = remaining.OrderBy(_ => random.Next()).All(entry => trie.Delete(entry.Key));
            return allDeleted && trie.RootHash == PatriciaTrie.EmptyRootHash && trie.IsEmpty;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReopenedCommittedTrie_AppliesFurtherOperationsLikeTheInMemoryTrie()
    {
        var gen =
            from before in TrieGenerators.Operations
            from after in TrieGenerators.Operations
            select (before, after);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var store = new InMemoryTrieNodeStore();
            var original = new PatriciaTrie(store);
            foreach (var (key, value) in input.before)
            {
                original.Put(key, value ?? []);
            }

            var root = original.Commit();
            var reopened = new PatriciaTrie(store, root);
            foreach (var (key, value) in input.after)
            {
                original.Put(key, value ?? []);
                reopened.Put(key, value ?? []);
            }

            var model = TrieGenerators.Apply(input.before.Concat(input.after));
            var secondRoot = reopened.Commit();
            var third = new PatriciaTrie(store, secondRoot);
            return original.RootHash == secondRoot
                && model.Values.All(e => Same(e.Value, third.Get(e.Key)));
        }).QuickCheckThrowOnFailure();
    }

    private static bool Same(byte[]? expected, byte[]? actual) =>
        expected is null ? actual is null : actual is not null && expected.AsSpan().SequenceEqual(actual);
}
