using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>An account in the world state at <paramref name="BlockNumber"/>.</summary>
public sealed record AccountSnapshot(Address Address, ulong BlockNumber, BigInteger Balance, ulong Nonce, Hash32 CodeHash, byte[] Code);
