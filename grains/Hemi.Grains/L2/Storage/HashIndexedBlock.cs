using Hemi.Ethereum;

namespace Hemi.Grains.L2.Storage;

/// <summary>What the hash index knows of one sealed block: its number, its hash and its transactions' hashes in block order.</summary>
public sealed record HashIndexedBlock(ulong Number, Hash32 Hash, IReadOnlyList<Hash32> TransactionHashes);
