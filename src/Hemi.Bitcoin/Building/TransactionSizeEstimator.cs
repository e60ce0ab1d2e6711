using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Building;

/// <summary>
/// Worst-case sizes of signed standard inputs (72-byte DER signatures), in weight units: P2PKH 148 vB, P2WPKH 68 vB,
/// P2SH-P2WPKH 91 vB, P2TR key path 57.5 vB; outputs are 8 + compact size + script bytes.
/// </summary>
public static class TransactionSizeEstimator
{
    /// <summary>version + locktime + one-byte input and output counts: 10 vB.</summary>
    public const int BaseOverheadWeight = 40;

    /// <summary>The segwit marker and flag: 0.5 vB.</summary>
    public const int SegwitMarkerWeight = 2;

    /// <summary>Weight of a signed input spending <paramref name="spentScriptPubKey"/>.</summary>
    public static int InputWeight(ReadOnlySpan<byte> spentScriptPubKey) => ScriptTemplates.Classify(spentScriptPubKey) switch
    {
        // outpoint 36 + scriptSig length 1 + (push 73-byte sig + push 33-byte key = 107) + sequence 4
        ScriptPubKeyType.PayToPubKeyHash => 148 * 4,
        // 41 non-witness bytes; witness: count 1 + 1+72 + 1+33 = 108
        ScriptPubKeyType.PayToWitnessPubKeyHash => (41 * 4) + 108,
        // 41 + 23-byte scriptSig (push of the 22-byte redeem script) = 64 non-witness bytes; same witness as P2WPKH
        ScriptPubKeyType.PayToScriptHash => (64 * 4) + 108,
        // 41 non-witness bytes; witness: count 1 + 1+64
        ScriptPubKeyType.PayToTaproot => (41 * 4) + 66,
        _ => throw new ArgumentException("Only P2PKH, P2WPKH, P2SH-P2WPKH and P2TR inputs can be estimated.", nameof(spentScriptPubKey)),
    };

    /// <summary>Whether spending this output puts witness data in the transaction.</summary>
    public static bool IsWitnessSpend(ReadOnlySpan<byte> spentScriptPubKey) =>
        ScriptTemplates.Classify(spentScriptPubKey) is ScriptPubKeyType.PayToWitnessPubKeyHash or ScriptPubKeyType.PayToScriptHash or ScriptPubKeyType.PayToTaproot;

    /// <summary>Serialized size of an output with this script.</summary>
    public static int OutputSize(ReadOnlySpan<byte> scriptPubKey) => 8 + CompactSize.GetSize((ulong)scriptPubKey.Length) + scriptPubKey.Length;

    /// <summary>Estimated virtual size (rounded up) of the signed transaction.</summary>
    public static int EstimateVirtualSize(IEnumerable<byte[]> spentScriptPubKeys, IEnumerable<byte[]> outputScripts)
    {
        ArgumentNullException.ThrowIfNull(spentScriptPubKeys);
        ArgumentNullException.ThrowIfNull(outputScripts);
        int weight = BaseOverheadWeight;
        int inputs = 0, outputs = 0;
        bool witness = false;
        foreach (var script in spentScriptPubKeys)
        {
            weight += InputWeight(script);
            witness |= IsWitnessSpend(script);
            inputs++;
        }

        foreach (var script in outputScripts)
        {
            weight += OutputSize(script) * 4;
            outputs++;
        }

        // Counts above 252 take 3 bytes instead of 1.
        weight += (CompactSize.GetSize((ulong)inputs) - 1 + CompactSize.GetSize((ulong)outputs) - 1) * 4;
        if (witness)
        {
            weight += SegwitMarkerWeight;
        }

        return (weight + 3) / 4;
    }
}
