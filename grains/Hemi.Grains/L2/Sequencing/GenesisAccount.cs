using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>A funded account in the genesis block: ETH in wei, hemiBTC in sats (8 decimals), HEMI in base units (18 decimals).</summary>
public sealed record GenesisAccount(Address Address, BigInteger Balance, BigInteger HemiBtcBalance = default, BigInteger HemiBalance = default);
