using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Building;

/// <summary>A signed transaction and how its fee was settled.</summary>
/// <param name="Transaction">The signed transaction.</param>
/// <param name="Fee">Inputs minus outputs, in satoshis.</param>
/// <param name="VirtualSize">The signed transaction's actual virtual size.</param>
/// <param name="EstimatedVirtualSize">The estimate for the final output set.</param>
/// <param name="ChangeIndex">Index of the change output, or -1 when change was dust and left to the fee.</param>
public sealed record TransactionBuildResult(Transaction Transaction, long Fee, int VirtualSize, int EstimatedVirtualSize, int ChangeIndex);
