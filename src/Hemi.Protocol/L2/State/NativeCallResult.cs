using Hemi.Ethereum.Receipts;

namespace Hemi.Protocol.L2.State;

/// <summary>
/// The outcome of a call into a native contract: success with return data and logs, or a revert with a reason and a
/// typed <see cref="Failure"/>.
/// </summary>
public sealed record NativeCallResult(bool Succeeded, ulong Gas, byte[] ReturnData, IReadOnlyList<Log> Logs, string? RevertReason)
{
    /// <summary>The kind of failure; <see langword="null"/> on success.</summary>
    public NativeCallFailure? Failure { get; init; }

    /// <summary>
    /// A note on a successful call whose empty output means "no answer" (an hVM precompile given bad input or asked
    /// for unknown data returns empty output, not a revert, as in op-geth); <see langword="null"/> otherwise.
    /// </summary>
    public string? Diagnostic { get; init; }

    public static NativeCallResult Success(ulong gas, byte[] returnData, IReadOnlyList<Log> logs) => new(true, gas, returnData, logs, null);

    /// <summary>A revert of kind <see cref="NativeCallFailure.Reverted"/>.</summary>
    public static NativeCallResult Revert(string reason, ulong gas) => Revert(NativeCallFailure.Reverted, reason, gas);

    public static NativeCallResult Revert(NativeCallFailure failure, string reason, ulong gas) =>
        new(false, gas, [], [], reason) { Failure = failure };
}
