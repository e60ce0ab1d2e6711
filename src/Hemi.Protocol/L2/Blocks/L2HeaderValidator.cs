using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;

namespace Hemi.Protocol.L2.Blocks;

/// <summary>
/// The header-only rules a child must satisfy against its parent (before its body is executed): hash link,
/// number, strictly increasing time, gas-limit bounds, gas used within the limit, the EIP-1559 base fee and the
/// fixed L2 shape (zero difficulty and nonce, empty ommers).
/// </summary>
public static class L2HeaderValidator
{
    /// <summary>Why <paramref name="child"/> cannot follow <paramref name="parent"/>, or <see langword="null"/> when it can.</summary>
    public static string? Validate(L2BlockHeader parent, L2BlockHeader child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        if (!child.IsValidL2Shape)
        {
            return "the header does not have the L2 shape (difficulty 0, nonce 0, empty ommers, base fee, gasUsed ≤ gasLimit)";
        }

        if (child.ParentHash != parent.Hash)
        {
            return "parentHash is not the parent's hash";
        }

        if (child.Number != parent.Number + 1)
        {
            return $"number {child.Number} does not follow {parent.Number}";
        }

        if (child.Timestamp <= parent.Timestamp)
        {
            return "timestamp does not increase";
        }

        var maxDelta = Math.Max(parent.GasLimit / NativeExecutionEngine.GasLimitBoundDivisor, 1);
        var delta = child.GasLimit > parent.GasLimit ? child.GasLimit - parent.GasLimit : parent.GasLimit - child.GasLimit;
        if (child.GasLimit < NativeExecutionEngine.MinGasLimit || delta >= maxDelta)
        {
            return $"gas limit {child.GasLimit} is out of bounds after {parent.GasLimit}";
        }

        var expected = parent.BaseFeePerGas is { } parentFee ? BaseFee.Next(parent.GasLimit, parent.GasUsed, parentFee) : BaseFee.Initial;
        return child.BaseFeePerGas == expected ? null : $"base fee {child.BaseFeePerGas} differs from the expected {expected}";
    }
}
