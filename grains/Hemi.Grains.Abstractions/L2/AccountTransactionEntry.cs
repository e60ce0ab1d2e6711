using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>One transaction in an account's history.</summary>
public sealed record AccountTransactionEntry(Hash32 TransactionHash, ulong BlockNumber, int Index, Address From, Address? To, BigInteger Value, bool Success);
