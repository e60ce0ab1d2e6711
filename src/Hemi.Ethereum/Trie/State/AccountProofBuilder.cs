using System.Numerics;

namespace Hemi.Ethereum.Trie;

/// <summary>Builds EIP-1186 <see cref="AccountProof"/>s from a state trie and the accounts' storage tries (to serve <c>eth_getProof</c>).</summary>
public static class AccountProofBuilder
{
    /// <summary>
    /// Proves <paramref name="address"/> and the given storage slots. The storage trie is opened lazily from the
    /// state trie's node store at the account's storage root unless <paramref name="storageTrie"/> is supplied
    /// (which must then have that root, e.g. an uncommitted trie).
    /// </summary>
    public static AccountProof Build(SecureTrie stateTrie, Address address, IReadOnlyList<Hash32> storageKeys, SecureTrie? storageTrie = null)
    {
        ArgumentNullException.ThrowIfNull(stateTrie);
        ArgumentNullException.ThrowIfNull(storageKeys);

        var accountProof = TrieProof.Generate(stateTrie, address.AsSpan());
        var encodedAccount = stateTrie.Get(address.AsSpan());
        var account = encodedAccount is null ? AccountState.Empty : AccountState.Decode(encodedAccount);

        if (storageTrie is not null && storageTrie.RootHash != account.StorageRoot)
        {
            throw new ArgumentException(
                $"The storage trie has root {storageTrie.RootHash}, but account {address} has storage root {account.StorageRoot}.",
                nameof(storageTrie));
        }

        storageTrie ??= new SecureTrie(stateTrie.Store, account.StorageRoot);
        var storageProofs = new List<StorageProof>(storageKeys.Count);
        foreach (var slot in storageKeys)
        {
            var stored = storageTrie.Get(slot.AsSpan());
            var value = stored is null ? BigInteger.Zero : StorageValue.Decode(stored);
            storageProofs.Add(new StorageProof(slot, value, TrieProof.Generate(storageTrie, slot.AsSpan())));
        }

        return new AccountProof(address, accountProof, account.Balance, account.CodeHash, account.Nonce, account.StorageRoot, storageProofs);
    }
}
