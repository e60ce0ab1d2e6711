using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Transactions;

/// <summary>Rules shared by the EIP-2718 typed transactions.</summary>
internal static class TypedTransactionRules
{
    public static ulong RequireChainId(ulong? chainId) =>
        chainId ?? throw new InvalidOperationException("Typed transactions always carry a chain id.");

    public static int RecoveryIdFromYParity(BigInteger yParity) =>
        yParity.IsZero ? 0
        : yParity.IsOne ? 1
        : throw new TransactionValidationException(TransactionValidationError.InvalidV, $"y-parity must be 0 or 1, got {yParity}.");

    public static TransactionSignature ReadSignature(ref RlpReader fields)
    {
        var yParity = fields.ReadBigInteger();
        var r = fields.ReadBigInteger();
        var s = fields.ReadBigInteger();
        return new TransactionSignature(yParity, r, s);
    }
}
