using System.Numerics;

namespace Hemi.Ethereum.Trie;

/// <summary>One entry of an EIP-1186 <c>storageProof</c>: a slot, its value (zero when unset) and the storage-trie proof.</summary>
/// <param name="Key">The 32-byte storage slot; the trie key is keccak256(Key).</param>
/// <param name="Value">The slot's value; zero means the slot is absent from the storage trie.</param>
/// <param name="Proof">RLP nodes from the storage root towards keccak256(Key).</param>
public sealed record StorageProof(Hash32 Key, BigInteger Value, IReadOnlyList<byte[]> Proof);
