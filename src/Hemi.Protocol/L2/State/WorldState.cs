using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;

namespace Hemi.Protocol.L2.State;

/// <summary>
/// The L2 world state: accounts <c>rlp([nonce, balance, storageRoot, codeHash])</c> in a secure state trie,
/// each with its own secure storage trie, giving real Ethereum state roots. Writes go to an in-memory
/// overlay with an undo journal (<see cref="Snapshot"/>/<see cref="Revert"/>) and reach the tries when a root
/// is asked for; <see cref="Commit"/> persists the nodes to the <see cref="ITrieNodeStore"/>.
/// Accounts that end up empty (EIP-161: no nonce, balance, code or storage) are removed from the trie.
/// Not thread-safe: one block executes at a time.
/// </summary>
public sealed class WorldState
{
    private static readonly BigInteger s_maxWord = (BigInteger.One << 256) - 1;

    private readonly ITrieNodeStore _store;
    private readonly SecureTrie _accounts;
    private readonly Dictionary<Address, AccountState> _accountCache = [];
    private readonly HashSet<Address> _dirtyAccounts = [];
    private readonly Dictionary<Address, Dictionary<Hash32, BigInteger>> _dirtyStorage = [];
    private readonly Dictionary<Address, SecureTrie> _storageTries = [];
    private readonly Dictionary<Hash32, byte[]> _code = [];
    // Undo records as values rather than closures: every balance and nonce change of every transaction adds one.
    private readonly List<JournalEntry> _journal = [];

    /// <summary>An empty state in memory.</summary>
    public WorldState()
        : this(new InMemoryTrieNodeStore(), PatriciaTrie.EmptyRootHash)
    {
    }

    /// <summary>The state with root <paramref name="stateRoot"/> whose nodes are in <paramref name="store"/>.</summary>
    public WorldState(ITrieNodeStore store, Hash32 stateRoot)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _accounts = stateRoot == PatriciaTrie.EmptyRootHash ? new SecureTrie(store) : new SecureTrie(store, stateRoot);
    }

    public ITrieNodeStore Store => _store;

    /// <summary>The state root after all writes so far.</summary>
    public Hash32 StateRoot
    {
        get
        {
            Flush();
            return _accounts.RootHash;
        }
    }

    public AccountState GetAccount(Address address)
    {
        if (_accountCache.TryGetValue(address, out var cached))
        {
            return cached;
        }

        var encoded = _accounts.Get(address.AsSpan());
        var account = encoded is null ? AccountState.Empty : AccountState.Decode(encoded);
        _accountCache[address] = account;
        return account;
    }

    public bool Exists(Address address) => GetAccount(address) != AccountState.Empty;

    public BigInteger GetBalance(Address address) => GetAccount(address).Balance;

    public ulong GetNonce(Address address) => GetAccount(address).Nonce;

    public Hash32 GetCodeHash(Address address) => GetAccount(address).CodeHash;

    /// <summary>The account's code (empty for externally owned accounts).</summary>
    public byte[] GetCode(Address address)
    {
        var codeHash = GetCodeHash(address);
        if (codeHash == AccountState.EmptyCodeHash)
        {
            return [];
        }

        if (_code.TryGetValue(codeHash, out var code) || (code = NativeContracts.CodeByHash(codeHash)) is not null)
        {
            return (byte[])code.Clone();
        }

        throw new InvalidOperationException($"The code with hash {codeHash} of {address} is not known to this state.");
    }

    public void SetBalance(Address address, BigInteger balance)
    {
        if (balance.Sign < 0 || balance > s_maxWord)
        {
            throw new ArgumentOutOfRangeException(nameof(balance), "A balance is an unsigned 256-bit integer.");
        }

        var account = GetAccount(address);
        SetAccount(address, account with { Balance = balance });
    }

    public void AddBalance(Address address, BigInteger amount) => SetBalance(address, GetBalance(address) + amount);

    /// <exception cref="InvalidOperationException">The balance is smaller than <paramref name="amount"/>.</exception>
    public void SubtractBalance(Address address, BigInteger amount)
    {
        var balance = GetBalance(address);
        if (balance < amount)
        {
            throw new InvalidOperationException($"{address} holds {balance}, less than {amount}.");
        }

        SetBalance(address, balance - amount);
    }

    public void SetNonce(Address address, ulong nonce) => SetAccount(address, GetAccount(address) with { Nonce = nonce });

    public void SetCode(Address address, byte[] code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var codeHash = code.Length == 0 ? AccountState.EmptyCodeHash : new Hash32(Keccak256.Hash(code));
        _code[codeHash] = (byte[])code.Clone();
        SetAccount(address, GetAccount(address) with { CodeHash = codeHash });
    }

    /// <summary>The value of a storage slot (zero when unset).</summary>
    public BigInteger GetStorage(Address address, Hash32 slot)
    {
        if (_dirtyStorage.TryGetValue(address, out var dirty) && dirty.TryGetValue(slot, out var value))
        {
            return value;
        }

        var stored = OpenStorageTrie(address).Get(slot.AsSpan());
        return stored is null ? BigInteger.Zero : StorageValue.Decode(stored);
    }

    public void SetStorage(Address address, Hash32 slot, BigInteger value)
    {
        if (value.Sign < 0 || value > s_maxWord)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A storage value is an unsigned 256-bit integer.");
        }

        var previous = GetStorage(address, slot);
        _journal.Add(JournalEntry.ForStorage(address, slot, previous));
        WriteStorage(address, slot, value);
    }

    /// <summary>A marker for <see cref="Revert"/>.</summary>
    public int Snapshot() => _journal.Count;

    /// <summary>Undoes every write made after <paramref name="snapshot"/> was taken.</summary>
    public void Revert(int snapshot)
    {
        if (snapshot < 0 || snapshot > _journal.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(snapshot), "Not a live snapshot of this state.");
        }

        for (var i = _journal.Count - 1; i >= snapshot; i--)
        {
            var entry = _journal[i];
            if (entry.PreviousAccount is { } previous)
            {
                _accountCache[entry.Address] = previous;
                _dirtyAccounts.Add(entry.Address);
            }
            else
            {
                WriteStorage(entry.Address, entry.Slot, entry.PreviousValue);
            }
        }

        _journal.RemoveRange(snapshot, _journal.Count - snapshot);
    }

    /// <summary>Writes every trie node to the store and returns the state root; snapshots taken before are no longer revertible.</summary>
    public Hash32 Commit()
    {
        Flush();
        foreach (var trie in _storageTries.Values)
        {
            trie.Commit();
        }

        var root = _accounts.Commit();
        _journal.Clear();
        return root;
    }

    /// <summary>An EIP-1186 proof (<c>eth_getProof</c>) of <paramref name="address"/> and the given slots against <see cref="StateRoot"/>.</summary>
    public AccountProof GetProof(Address address, IReadOnlyList<Hash32> storageKeys)
    {
        Flush();
        return AccountProofBuilder.Build(_accounts, address, storageKeys, OpenStorageTrie(address));
    }

    private void SetAccount(Address address, AccountState account)
    {
        var previous = GetAccount(address);
        _journal.Add(JournalEntry.ForAccount(address, previous));
        _accountCache[address] = account;
        _dirtyAccounts.Add(address);
    }

    private void WriteStorage(Address address, Hash32 slot, BigInteger value)
    {
        if (!_dirtyStorage.TryGetValue(address, out var dirty))
        {
            dirty = [];
            _dirtyStorage[address] = dirty;
        }

        dirty[slot] = value;
        _dirtyAccounts.Add(address);
    }

    private SecureTrie OpenStorageTrie(Address address)
    {
        if (!_storageTries.TryGetValue(address, out var trie))
        {
            var root = GetAccount(address).StorageRoot;
            trie = root == PatriciaTrie.EmptyRootHash ? new SecureTrie(_store) : new SecureTrie(_store, root);
            _storageTries[address] = trie;
        }

        return trie;
    }

    // Moves the overlay into the tries; the cache keeps the now-current account values (with storage roots).
    private void Flush()
    {
        if (_dirtyAccounts.Count == 0)
        {
            return;
        }

        foreach (var address in _dirtyAccounts)
        {
            var account = GetAccount(address);
            if (_dirtyStorage.Remove(address, out var slots))
            {
                var trie = OpenStorageTrie(address);
                foreach (var (slot, value) in slots)
                {
                    if (value.IsZero)
                    {
                        trie.Delete(slot.AsSpan());
                    }
                    else
                    {
                        trie.Put(slot.AsSpan(), StorageValue.Encode(value));
                    }
                }

            }

            // The open storage trie is the truth for the storage root, even after a revert restored an older account value.
            if (_storageTries.TryGetValue(address, out var storage) && storage.RootHash != account.StorageRoot)
            {
                account = account with { StorageRoot = storage.RootHash };
                _accountCache[address] = account;
            }

            if (account.Nonce == 0 && account.Balance.IsZero && account.CodeHash == AccountState.EmptyCodeHash
                && account.StorageRoot == PatriciaTrie.EmptyRootHash)
            {
                _accounts.Delete(address.AsSpan());
            }
            else
            {
                _accounts.Put(address.AsSpan(), account.Encode());
            }
        }

        _dirtyAccounts.Clear();
    }

    /// <summary>One undo record: the account value before a write (<see cref="PreviousAccount"/> set) or a slot's value before a write.</summary>
    private readonly record struct JournalEntry(Address Address, AccountState? PreviousAccount, Hash32 Slot, BigInteger PreviousValue)
    {
        public static JournalEntry ForAccount(Address address, AccountState previous) => new(address, previous, default, BigInteger.Zero);

        public static JournalEntry ForStorage(Address address, Hash32 slot, BigInteger previous) => new(address, null, slot, previous);
    }
}
