using System.Numerics;

namespace Hemi.Ethereum.Transactions;

/// <summary>
/// An ECDSA signature as carried by a transaction. <see cref="V"/> is the raw wire value:
/// 27/28 or chainId·2+35/36 for legacy transactions, the y-parity (0/1) for typed ones.
/// </summary>
public sealed record TransactionSignature(BigInteger V, BigInteger R, BigInteger S);
