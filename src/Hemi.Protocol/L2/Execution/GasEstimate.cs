using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.L2.Execution;

/// <summary>
/// The answer to <c>eth_estimateGas</c>: the gas limit that makes the call succeed (<see cref="Gas"/> = intrinsic +
/// execution), and the simulated call. When the call fails (<see cref="Succeeded"/> is false) the estimate is only
/// what the failing call would consume; the RPC layer reports the call's reason as an error instead.
/// </summary>
public sealed record GasEstimate(ulong Gas, ulong IntrinsicGas, NativeCallResult Call)
{
    public bool Succeeded => Call.Succeeded;

    /// <summary>Gas the call itself consumes beyond the intrinsic gas.</summary>
    public ulong ExecutionGas => Gas - IntrinsicGas;
}
