using Hemi.Crypto;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// A <see cref="PatriciaTrie"/> keyed by keccak256(key), as Ethereum's state and storage tries are:
/// hashing keeps the trie balanced whatever keys an attacker chooses. Not thread-safe.
/// </summary>
public sealed class SecureTrie
{
    /// <summary>Creates an empty secure trie over a fresh <see cref="InMemoryTrieNodeStore"/>.</summary>
    public SecureTrie()
        : this(new PatriciaTrie())
    {
    }

    /// <summary>Creates an empty secure trie that commits into <paramref name="store"/>.</summary>
    public SecureTrie(ITrieNodeStore store)
        : this(new PatriciaTrie(store))
    {
    }

    /// <summary>Opens the secure trie with root <paramref name="rootHash"/> in <paramref name="store"/> (nodes load lazily).</summary>
    public SecureTrie(ITrieNodeStore store, Hash32 rootHash)
        : this(new PatriciaTrie(store, rootHash))
    {
    }

    /// <summary>Wraps an existing trie whose keys are already keccak hashes.</summary>
    public SecureTrie(PatriciaTrie inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The underlying trie, keyed by the hashed keys.</summary>
    public PatriciaTrie Inner { get; }

    /// <summary>The node store shared with <see cref="Inner"/>.</summary>
    public ITrieNodeStore Store => Inner.Store;

    public Hash32 RootHash => Inner.RootHash;

    public bool IsEmpty => Inner.IsEmpty;

    /// <summary>The value stored under keccak256(<paramref name="key"/>), or <see langword="null"/>.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => Inner.Get(HashKey(key));

    /// <summary>Stores <paramref name="value"/> under keccak256(<paramref name="key"/>); an empty value deletes.</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Inner.Put(HashKey(key), value);

    public bool Delete(ReadOnlySpan<byte> key) => Inner.Delete(HashKey(key));

    /// <inheritdoc cref="PatriciaTrie.Commit"/>
    public Hash32 Commit() => Inner.Commit();

    /// <summary>The trie key used for <paramref name="key"/>: its keccak256.</summary>
    public static byte[] HashKey(ReadOnlySpan<byte> key) => Keccak256.Hash(key);
}
