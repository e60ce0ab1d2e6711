using Hemi.Bitcoin.Transactions;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Signing;

/// <summary>Signs or verifies every input of a transaction given the outputs they spend (see <see cref="InputSigner"/> for the supported types).</summary>
public static class TransactionSigner
{
    /// <summary>
    /// Returns a copy of <paramref name="transaction"/> with every input signed by the key at the same index.
    /// The signature hashes are computed over the unsigned inputs, which is what every sighash algorithm commits to.
    /// </summary>
    public static Transaction Sign(Transaction transaction, IReadOnlyList<TxOut> spentOutputs, IReadOnlyList<PrivateKey> keys, SigHashType hashType = SigHashType.All)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        ArgumentNullException.ThrowIfNull(keys);
        if (spentOutputs.Count != transaction.Inputs.Count || keys.Count != transaction.Inputs.Count)
        {
            throw new ArgumentException("Need one spent output and one key per input.");
        }

        var precomputed = new PrecomputedTransactionData(transaction, spentOutputs);
        var inputs = new TxIn[transaction.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            var effectiveType = hashType == SigHashType.Default && InputSigner.GetSpendKind(spentOutputs[i].ScriptPubKey) != Scripts.ScriptPubKeyType.PayToTaproot
                ? SigHashType.All
                : hashType;
            inputs[i] = InputSigner.Sign(transaction, i, spentOutputs[i], keys[i], precomputed, effectiveType);
        }

        return new Transaction(transaction.Version, inputs, transaction.Outputs, transaction.LockTime);
    }

    /// <summary>True when every input verifies against its spent output.</summary>
    public static bool VerifyAll(Transaction transaction, IReadOnlyList<TxOut> spentOutputs) => VerifyAll(transaction, spentOutputs, out _);

    /// <summary>True when every input verifies; otherwise reports the first failing input and why.</summary>
    public static bool VerifyAll(Transaction transaction, IReadOnlyList<TxOut> spentOutputs, out string? error)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        if (spentOutputs.Count != transaction.Inputs.Count)
        {
            error = "need one spent output per input";
            return false;
        }

        var precomputed = new PrecomputedTransactionData(transaction, spentOutputs);
        for (int i = 0; i < transaction.Inputs.Count; i++)
        {
            if (!InputSigner.Verify(transaction, i, spentOutputs[i], precomputed, out var reason))
            {
                error = $"input {i}: {reason}";
                return false;
            }
        }

        error = null;
        return true;
    }
}
