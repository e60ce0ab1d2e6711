using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>The latest sealed block of the chain, with the base fee the next block will charge.</summary>
public sealed record ChainHead(ulong ChainId, ulong Number, Hash32 Hash, ulong Timestamp, ulong GasLimit, BigInteger NextBaseFee);
