using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Protocol.L2.Execution;

/// <summary>The environment a block executes in: its number, time, fee recipient, base fee, gas limit and chain.</summary>
public sealed record BlockContext(ulong Number, ulong Timestamp, Address Coinbase, BigInteger BaseFee, ulong GasLimit, ulong ChainId)
{
    /// <summary>
    /// The context of the child of <paramref name="parent"/>: number + 1, the EIP-1559 base fee that follows the parent,
    /// and the parent's gas limit unless another is given (it must stay within the parent/1024 bound).
    /// </summary>
    public static BlockContext Following(Hemi.Protocol.L2.Blocks.L2BlockHeader parent, ulong timestamp, Address coinbase, ulong chainId, ulong? gasLimit = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var baseFee = parent.BaseFeePerGas is { } parentBaseFee
            ? Hemi.Protocol.L2.Fees.BaseFee.Next(parent.GasLimit, parent.GasUsed, parentBaseFee)
            : Hemi.Protocol.L2.Fees.BaseFee.Initial;
        return new BlockContext(parent.Number + 1, timestamp, coinbase, baseFee, gasLimit ?? parent.GasLimit, chainId);
    }
}
