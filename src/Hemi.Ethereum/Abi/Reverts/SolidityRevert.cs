using System.Numerics;

namespace Hemi.Ethereum.Abi;

/// <summary>Encodes and decodes the two built-in revert payloads, <c>Error(string)</c> (0x08c379a0) and <c>Panic(uint256)</c> (0x4e487b71).</summary>
public static class SolidityRevert
{
    public static byte[] EncodeError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AbiError.Error.Encode(message);
    }

    public static byte[] EncodePanic(PanicCode code) => EncodePanic((BigInteger)(int)code);

    public static byte[] EncodePanic(BigInteger code) => AbiError.Panic.Encode(code);

    /// <summary>
    /// Classifies revert data. Data carrying the Error or Panic selector must decode strictly (else
    /// <see cref="AbiException"/>); anything else is returned as <see cref="RevertCustom"/>.
    /// </summary>
    public static RevertReason Decode(ReadOnlySpan<byte> revertData)
    {
        if (revertData.IsEmpty)
        {
            return new RevertEmpty();
        }

        if (AbiError.Error.Matches(revertData))
        {
            return new RevertMessage((string)AbiError.Error.Decode(revertData)[0]!);
        }

        if (AbiError.Panic.Matches(revertData))
        {
            return new RevertPanic((BigInteger)AbiError.Panic.Decode(revertData)[0]!);
        }

        return new RevertCustom(revertData.ToArray());
    }

    public static bool TryDecodeError(ReadOnlySpan<byte> revertData, out string message)
    {
        message = string.Empty;
        if (!AbiError.Error.Matches(revertData))
        {
            return false;
        }

        try
        {
            message = (string)AbiError.Error.Decode(revertData)[0]!;
            return true;
        }
        catch (AbiException)
        {
            return false;
        }
    }

    public static bool TryDecodePanic(ReadOnlySpan<byte> revertData, out BigInteger code)
    {
        code = BigInteger.Zero;
        if (!AbiError.Panic.Matches(revertData))
        {
            return false;
        }

        try
        {
            code = (BigInteger)AbiError.Panic.Decode(revertData)[0]!;
            return true;
        }
        catch (AbiException)
        {
            return false;
        }
    }
}
