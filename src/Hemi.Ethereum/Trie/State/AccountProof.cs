using System.Numerics;

namespace Hemi.Ethereum.Trie;

/// <summary>The EIP-1186 (<c>eth_getProof</c>) answer for one account and a set of its storage slots.</summary>
/// <param name="Address">The account address; its state-trie key is keccak256(Address).</param>
/// <param name="AccountProofNodes">RLP nodes from the state root towards the account (JSON <c>accountProof</c>).</param>
/// <param name="Balance">Claimed balance.</param>
/// <param name="CodeHash">Claimed code hash.</param>
/// <param name="Nonce">Claimed nonce.</param>
/// <param name="StorageHash">Claimed storage root.</param>
/// <param name="StorageProof">Proofs of the requested storage slots against <paramref name="StorageHash"/>.</param>
public sealed record AccountProof(
    Address Address,
    IReadOnlyList<byte[]> AccountProofNodes,
    BigInteger Balance,
    Hash32 CodeHash,
    ulong Nonce,
    Hash32 StorageHash,
    IReadOnlyList<StorageProof> StorageProof);
