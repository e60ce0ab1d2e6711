using System.Numerics;
using BenchmarkDotNet.Attributes;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;

namespace Hemi.Benchmarks.Ethereum.Trie;

/// <summary>
/// State-root cost of 100,000 random accounts (secure trie, RLP account values) against the bare keccak of the
/// very nodes that root hashes: the baseline collects the hash-referenced node encodings once, then only hashes them.
/// The ratio is the trie's overhead (key hashing, node building, RLP) over the unavoidable hashing.
/// Target: full build well under 1–2 s; incremental update of 1,000 accounts a small fraction of that.
/// </summary>
[MemoryDiagnoser]
public class TrieRootBenchmarks
{
    private const int AccountCount = 100_000;
    private const int UpdatedAccounts = 1_000;

    private readonly byte[] _digest = new byte[32];
    private byte[][] _addresses = [];
    private byte[][] _hashedKeys = [];
    private byte[][] _accounts = [];
    private byte[][] _nodes = [];
    private SecureTrie _updatable = new();
    private ulong _round;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2024);
        _addresses = new byte[AccountCount][];
        _hashedKeys = new byte[AccountCount][];
        _accounts = new byte[AccountCount][];
        for (var i = 0; i < AccountCount; i++)
        {
            var address = new byte[Address.Length];
            random.NextBytes(address);
            _addresses[i] = address;
            _hashedKeys[i] = SecureTrie.HashKey(address);
            _accounts[i] = RandomAccount(random).Encode();
        }

        // Every node the root hash has to keccak: the store holds exactly the hash-referenced nodes plus the root.
        var store = new InMemoryTrieNodeStore();
        var trie = new SecureTrie(store);
        for (var i = 0; i < AccountCount; i++)
        {
            trie.Put(_addresses[i], _accounts[i]);
        }

        trie.Commit();
        _nodes = store.Nodes.Select(n => n.Value).ToArray();

        _updatable = new SecureTrie();
        for (var i = 0; i < AccountCount; i++)
        {
            _updatable.Put(_addresses[i], _accounts[i]);
        }

        _ = _updatable.RootHash;
    }

    [Benchmark(Baseline = true, Description = "keccak of the trie's nodes only")]
    public int KeccakOfAllNodes()
    {
        foreach (var node in _nodes)
        {
            Hemi.Crypto.Keccak256.Hash(node, _digest);
        }

        return _digest[0];
    }

    [Benchmark(Description = "secure trie: 100k puts + root")]
    public Hash32 SecureTrieRoot()
    {
        var trie = new SecureTrie();
        for (var i = 0; i < _addresses.Length; i++)
        {
            trie.Put(_addresses[i], _accounts[i]);
        }

        return trie.RootHash;
    }

    [Benchmark(Description = "pre-hashed keys: 100k puts + root")]
    public Hash32 PreHashedKeysRoot()
    {
        var trie = new PatriciaTrie();
        for (var i = 0; i < _hashedKeys.Length; i++)
        {
            trie.Put(_hashedKeys[i], _accounts[i]);
        }

        return trie.RootHash;
    }

    [Benchmark(Description = "update 1k of 100k accounts + root")]
    public Hash32 IncrementalUpdateRoot()
    {
        var round = ++_round;
        var start = (int)(round * 7919 % AccountCount);
        for (var i = 0; i < UpdatedAccounts; i++)
        {
            var index = (start + (i * 97)) % AccountCount;
            var account = new AccountState(round, new BigInteger(index) + round, PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash);
            _updatable.Put(_addresses[index], account.Encode());
        }

        return _updatable.RootHash;
    }

    private static AccountState RandomAccount(Random random)
    {
        var balance = new byte[random.Next(1, 13)];
        random.NextBytes(balance);
        return new AccountState((ulong)random.Next(0, 5000), new BigInteger(balance, isUnsigned: true), PatriciaTrie.EmptyRootHash, AccountState.EmptyCodeHash);
    }
}
