using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Verifies an EIP-1186 <see cref="AccountProof"/>: the account proof against a state root (trie key
/// keccak256(address)) and every storage proof against the proven storage root (trie key keccak256(slot)).
/// </summary>
public static class AccountProofVerifier
{
    /// <summary>
    /// Checks every part of <paramref name="proof"/> and returns the proven account, or <see langword="null"/>
    /// when the proof shows the account does not exist (its claimed fields must then be those of an empty account).
    /// </summary>
    /// <exception cref="TrieProofException">Any proof is invalid or a claimed field disagrees with what is proven.</exception>
    public static AccountState? Verify(Hash32 stateRoot, AccountProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(proof.AccountProofNodes);
        ArgumentNullException.ThrowIfNull(proof.StorageProof);

        var accountKey = Keccak256.Hash(proof.Address.AsSpan());
        var encodedAccount = TrieProof.Verify(stateRoot, accountKey, proof.AccountProofNodes);
        AccountState? account = null;
        Hash32 storageRoot;
        if (encodedAccount is null)
        {
            // Clients report a missing account as empty; the code hash and storage root may be given as zero or as the empty values.
            if (proof.Nonce != 0 || !proof.Balance.IsZero
                || !(proof.StorageHash == PatriciaTrie.EmptyRootHash || proof.StorageHash.IsZero)
                || !(proof.CodeHash == AccountState.EmptyCodeHash || proof.CodeHash.IsZero))
            {
                throw new TrieProofException($"The proof shows account {proof.Address} does not exist, but non-empty fields are claimed.");
            }

            storageRoot = PatriciaTrie.EmptyRootHash;
        }
        else
        {
            try
            {
                account = AccountState.Decode(encodedAccount);
            }
            catch (TrieException e)
            {
                throw new TrieProofException("The proven account value is malformed: " + e.Message, e);
            }

            if (account.Nonce != proof.Nonce || account.Balance != proof.Balance
                || account.StorageRoot != proof.StorageHash || account.CodeHash != proof.CodeHash)
            {
                throw new TrieProofException($"The claimed fields of account {proof.Address} differ from the proven account.");
            }

            storageRoot = account.StorageRoot;
        }

        foreach (var slot in proof.StorageProof)
        {
            if (slot is null)
            {
                throw new TrieProofException("A storage proof entry is null.");
            }

            var proven = ProvenStorageValue(storageRoot, slot);
            if (proven != slot.Value)
            {
                throw new TrieProofException($"Storage slot {slot.Key} is proven to hold {proven}, not the claimed {slot.Value}.");
            }
        }

        return account;
    }

    /// <summary>Like <see cref="Verify"/>, but reports failure as <see langword="false"/> instead of throwing.</summary>
    public static bool TryVerify(Hash32 stateRoot, AccountProof proof, out AccountState? account)
    {
        try
        {
            account = Verify(stateRoot, proof);
            return true;
        }
        catch (TrieProofException)
        {
            account = null;
            return false;
        }
    }

    private static BigInteger ProvenStorageValue(Hash32 storageRoot, StorageProof slot)
    {
        ArgumentNullException.ThrowIfNull(slot.Proof);
        var encoded = TrieProof.Verify(storageRoot, Keccak256.Hash(slot.Key.AsSpan()), slot.Proof);
        if (encoded is null)
        {
            return BigInteger.Zero;
        }

        return StorageValue.Decode(encoded, error => new TrieProofException($"Storage slot {slot.Key} holds a malformed value: {error}"));
    }
}
