using Hemi.Ethereum.Receipts;

namespace Hemi.Protocol.L2.State;

/// <summary>The outcome of a call into a native contract: success with return data and logs, or a revert with a reason.</summary>
public sealed record NativeCallResult(bool Succeeded, ulong Gas, byte[] ReturnData, IReadOnlyList<Log> Logs, string? RevertReason)
{
    public static NativeCallResult Success(ulong gas, byte[] returnData, IReadOnlyList<Log> logs) => new(true, gas, returnData, logs, null);

    public static NativeCallResult Revert(string reason, ulong gas) => new(false, gas, [], [], reason);
}
