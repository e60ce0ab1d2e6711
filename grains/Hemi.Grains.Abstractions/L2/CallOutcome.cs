namespace Hemi.Grains.L2;

/// <summary>The result of a simulated call: return data on success, the revert data and a reason on failure.</summary>
public sealed record CallOutcome(bool Success, byte[] ReturnData, ulong GasUsed, string? Error);
