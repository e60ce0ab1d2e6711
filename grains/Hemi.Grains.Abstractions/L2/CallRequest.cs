using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>An <c>eth_call</c>/<c>eth_estimateGas</c> request; a null <paramref name="From"/> is the zero address and a null <paramref name="To"/> is contract creation (rejected by native execution).</summary>
public sealed record CallRequest(Address? From, Address? To, byte[] Data, BigInteger Value, ulong? Gas);
