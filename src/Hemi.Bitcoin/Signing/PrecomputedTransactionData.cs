using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;

namespace Hemi.Bitcoin.Signing;

/// <summary>
/// Per-transaction hashes shared by every input's signature hash: BIP341's single-SHA256 hashes of prevouts, amounts,
/// scriptPubKeys, sequences and outputs, and BIP143's double-SHA256 forms (the SHA256 of the former).
/// </summary>
public sealed class PrecomputedTransactionData
{
    /// <summary>Computes the hashes; <paramref name="spentOutputs"/> (one per input, in order) are needed only for taproot.</summary>
    public PrecomputedTransactionData(Transaction transaction, IReadOnlyList<TxOut>? spentOutputs = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (spentOutputs is not null && spentOutputs.Count != transaction.Inputs.Count)
        {
            throw new ArgumentException("Need exactly one spent output per input.", nameof(spentOutputs));
        }

        Transaction = transaction;
        SpentOutputs = spentOutputs;

        var writer = new BitcoinWriter();
        foreach (var input in transaction.Inputs)
        {
            writer.WriteHash256(input.PrevOut.TxId);
            writer.WriteUInt32(input.PrevOut.Index);
        }

        ShaPrevouts = Sha256.Hash(writer.WrittenSpan);

        writer.Clear();
        foreach (var input in transaction.Inputs)
        {
            writer.WriteUInt32(input.Sequence);
        }

        ShaSequences = Sha256.Hash(writer.WrittenSpan);

        writer.Clear();
        foreach (var output in transaction.Outputs)
        {
            WriteOutput(writer, output);
        }

        ShaOutputs = Sha256.Hash(writer.WrittenSpan);

        HashPrevouts = Sha256.Hash(ShaPrevouts);
        HashSequence = Sha256.Hash(ShaSequences);
        HashOutputs = Sha256.Hash(ShaOutputs);

        if (spentOutputs is not null)
        {
            writer.Clear();
            foreach (var spent in spentOutputs)
            {
                writer.WriteInt64(spent.Value);
            }

            ShaAmounts = Sha256.Hash(writer.WrittenSpan);

            writer.Clear();
            foreach (var spent in spentOutputs)
            {
                writer.WriteVarBytes(spent.ScriptPubKey);
            }

            ShaScriptPubKeys = Sha256.Hash(writer.WrittenSpan);
        }
    }

    /// <summary>The transaction these hashes belong to.</summary>
    public Transaction Transaction { get; }

    /// <summary>The outputs spent by each input, when known.</summary>
    public IReadOnlyList<TxOut>? SpentOutputs { get; }

    /// <summary>SHA256 of all outpoints (BIP341 sha_prevouts).</summary>
    public byte[] ShaPrevouts { get; }

    /// <summary>SHA256 of all input sequences (BIP341 sha_sequences).</summary>
    public byte[] ShaSequences { get; }

    /// <summary>SHA256 of all serialized outputs (BIP341 sha_outputs).</summary>
    public byte[] ShaOutputs { get; }

    /// <summary>SHA256 of all spent amounts (BIP341 sha_amounts); null without spent outputs.</summary>
    public byte[]? ShaAmounts { get; }

    /// <summary>SHA256 of all spent scriptPubKeys as var-bytes (BIP341 sha_scriptpubkeys); null without spent outputs.</summary>
    public byte[]? ShaScriptPubKeys { get; }

    /// <summary>BIP143 hashPrevouts (double SHA256).</summary>
    public byte[] HashPrevouts { get; }

    /// <summary>BIP143 hashSequence (double SHA256).</summary>
    public byte[] HashSequence { get; }

    /// <summary>BIP143 hashOutputs (double SHA256).</summary>
    public byte[] HashOutputs { get; }

    internal static void WriteOutput(BitcoinWriter writer, TxOut output)
    {
        writer.WriteInt64(output.Value);
        writer.WriteVarBytes(output.ScriptPubKey);
    }
}
