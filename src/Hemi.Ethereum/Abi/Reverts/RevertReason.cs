using System.Numerics;

namespace Hemi.Ethereum.Abi;

/// <summary>Decoded revert data: see <see cref="SolidityRevert.Decode"/>.</summary>
public abstract record RevertReason;

/// <summary><c>Error(string)</c>: a <c>require</c> or <c>revert("…")</c> message.</summary>
public sealed record RevertMessage(string Message) : RevertReason;

/// <summary><c>Panic(uint256)</c>; <see cref="Known"/> names the code when Solidity defines it.</summary>
public sealed record RevertPanic(BigInteger Code) : RevertReason
{
    public PanicCode? Known => Code <= 0xFF && Enum.IsDefined(typeof(PanicCode), (int)Code) ? (PanicCode)(int)Code : null;
}

/// <summary>Empty revert data (<c>revert()</c>, out of gas, or a failed call without reason).</summary>
public sealed record RevertEmpty : RevertReason;

/// <summary>Any other revert data, such as a custom error, to be decoded with the matching <see cref="AbiError"/>.</summary>
public sealed record RevertCustom(byte[] Data) : RevertReason
{
    /// <summary>The first four bytes, when present.</summary>
    public ReadOnlySpan<byte> Selector => Data.AsSpan(0, Math.Min(4, Data.Length));
}
