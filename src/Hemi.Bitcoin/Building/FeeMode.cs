namespace Hemi.Bitcoin.Building;

/// <summary>How <see cref="TransactionBuilder"/> sizes the fee.</summary>
public enum FeeMode
{
    /// <summary>Fee = floor(vsize of the finished signed transaction × rate); signing is repeated until the fee covers the final size.</summary>
    ActualSize,

    /// <summary>
    /// Fee = floor(estimated vsize × rate) with the fixed per-input/per-output estimates of <see cref="TransactionSizeEstimator"/>,
    /// so the same inputs, outputs and rate always give the same fee (what PoP miners do: 284 vB for 1 P2PKH in, change + 80-byte OP_RETURN out).
    /// </summary>
    EstimatedSize,
}
