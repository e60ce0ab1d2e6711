using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>What one sealed block did to one account: its balance and nonce after the block and the transactions that touched it.</summary>
public sealed record AccountBlockUpdate(ulong BlockNumber, Hash32 BlockHash, BigInteger Balance, ulong Nonce, IReadOnlyList<AccountTransactionEntry> Transactions);
