using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Building;

/// <summary>
/// Bitcoin Core's dust rule: an output is dust when it is worth less than the fee, at the dust relay rate
/// (3 sat/vB by default), of itself plus the input that would later spend it. 546 sat for P2PKH, 294 for P2WPKH.
/// </summary>
public static class DustPolicy
{
    /// <summary>Bitcoin Core's default -dustrelayfee, sat per 1000 vB.</summary>
    public const long DefaultDustRelayFeePerKilovbyte = 3000;

    /// <summary>Smallest non-dust value for an output with this script (0 for unspendable OP_RETURN outputs).</summary>
    public static long GetDustThreshold(ReadOnlySpan<byte> scriptPubKey, long dustRelayFeePerKilovbyte = DefaultDustRelayFeePerKilovbyte)
    {
        if (scriptPubKey.Length > 0 && scriptPubKey[0] == (byte)OpcodeType.OP_RETURN)
        {
            return 0;
        }

        int size = TransactionSizeEstimator.OutputSize(scriptPubKey);

        // Spending input: outpoint 32+4, scriptSig length 1, sequence 4, plus the signature data — 107 bytes in the scriptSig,
        // or discounted to a quarter for witness programs (Bitcoin Core's GetDustThreshold).
        size += ScriptTemplates.TryGetWitnessProgram(scriptPubKey, out _, out _)
            ? 32 + 4 + 1 + (107 / 4) + 4
            : 32 + 4 + 1 + 107 + 4;
        return size * dustRelayFeePerKilovbyte / 1000;
    }

    /// <summary>True when the output's value is below its dust threshold.</summary>
    public static bool IsDust(TxOut output, long dustRelayFeePerKilovbyte = DefaultDustRelayFeePerKilovbyte)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Value < GetDustThreshold(output.ScriptPubKey, dustRelayFeePerKilovbyte);
    }
}
