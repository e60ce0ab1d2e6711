namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>The outcome of one hVM precompile call: status, output (empty unless <see cref="HvmPrecompileStatus.Success"/>), fixed gas and a reason for anything but success.</summary>
public sealed record HvmPrecompileResult(HvmPrecompile Precompile, HvmPrecompileStatus Status, byte[] Output, ulong Gas, string? Reason)
{
    public bool Succeeded => Status == HvmPrecompileStatus.Success;
}
