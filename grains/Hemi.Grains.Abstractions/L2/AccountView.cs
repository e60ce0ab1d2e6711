using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>An account's read model: confirmed balance and nonce, as of <paramref name="LastAppliedBlock"/> (null before any).</summary>
public sealed record AccountView(Address Address, BigInteger Balance, ulong Nonce, ulong? LastAppliedBlock, int TransactionCount);
