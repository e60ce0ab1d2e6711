using Hemi.Bitcoin.Building;

namespace Hemi.Protocol.Pop;

/// <summary>The fee rate is above the miner's cap (popm's <c>POPM_MAX_FEE</c>): publishing now would overpay.</summary>
public sealed class PopFeeTooHighException(FeeRate rate, FeeRate cap)
    : InvalidOperationException($"fee rate {rate} is above the cap of {cap}")
{
    public FeeRate Rate { get; } = rate;

    public FeeRate Cap { get; } = cap;
}
