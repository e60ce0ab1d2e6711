using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;

namespace Hemi.Bitcoin.Signing;

/// <summary>The message digests that input signatures commit to: legacy, BIP143 (segwit v0) and BIP341 (taproot).</summary>
public static class SignatureHash
{
    /// <summary>BIP341's "no OP_CODESEPARATOR executed" position.</summary>
    public const uint NoCodeSeparator = uint.MaxValue;

    private static readonly Hash256 One = Hash256.FromInternal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    /// <summary>
    /// Legacy (pre-segwit) signature hash, as Bitcoin Core's SignatureHash for SigVersion::BASE. OP_CODESEPARATORs are removed from
    /// <paramref name="scriptCode"/>; the signature itself is not removed (callers that need FindAndDelete do it first).
    /// Returns the value 1 for the SIGHASH_SINGLE-without-matching-output bug and for an input index out of range.
    /// </summary>
    public static Hash256 Legacy(Transaction transaction, int inputIndex, ReadOnlySpan<byte> scriptCode, uint hashType)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if ((uint)inputIndex >= (uint)transaction.Inputs.Count)
        {
            return One;
        }

        uint baseType = hashType & 0x1f;
        bool anyoneCanPay = (hashType & (uint)SigHashType.AnyoneCanPay) != 0;
        bool hashNone = baseType == (uint)SigHashType.None;
        bool hashSingle = baseType == (uint)SigHashType.Single;
        if (hashSingle && inputIndex >= transaction.Outputs.Count)
        {
            return One;
        }

        var writer = new BitcoinWriter(256 + scriptCode.Length);
        writer.WriteInt32(transaction.Version);

        int inputCount = anyoneCanPay ? 1 : transaction.Inputs.Count;
        writer.WriteCompactSize((ulong)inputCount);
        for (int i = 0; i < inputCount; i++)
        {
            int index = anyoneCanPay ? inputIndex : i;
            var input = transaction.Inputs[index];
            writer.WriteHash256(input.PrevOut.TxId);
            writer.WriteUInt32(input.PrevOut.Index);
            if (index == inputIndex)
            {
                WriteScriptCodeWithoutCodeSeparators(writer, scriptCode);
            }
            else
            {
                writer.WriteCompactSize(0);
            }

            writer.WriteUInt32(index != inputIndex && (hashSingle || hashNone) ? 0 : input.Sequence);
        }

        int outputCount = hashNone ? 0 : hashSingle ? inputIndex + 1 : transaction.Outputs.Count;
        writer.WriteCompactSize((ulong)outputCount);
        for (int i = 0; i < outputCount; i++)
        {
            if (hashSingle && i != inputIndex)
            {
                // "Null" output: value -1 and an empty script.
                writer.WriteInt64(-1);
                writer.WriteCompactSize(0);
            }
            else
            {
                PrecomputedTransactionData.WriteOutput(writer, transaction.Outputs[i]);
            }
        }

        writer.WriteUInt32(transaction.LockTime);
        writer.WriteUInt32(hashType);
        return Hash256.DoubleSha256(writer.WrittenSpan);
    }

    /// <summary>BIP143 segwit v0 signature hash; <paramref name="scriptCode"/> is used as given (no OP_CODESEPARATOR removal).</summary>
    public static Hash256 WitnessV0(Transaction transaction, int inputIndex, ReadOnlySpan<byte> scriptCode, long amount, uint hashType, PrecomputedTransactionData? precomputed = null)
    {
        return Hash256.DoubleSha256(WitnessV0Preimage(transaction, inputIndex, scriptCode, amount, hashType, precomputed));
    }

    /// <summary>The BIP143 preimage (what <see cref="WitnessV0"/> double-hashes).</summary>
    public static byte[] WitnessV0Preimage(Transaction transaction, int inputIndex, ReadOnlySpan<byte> scriptCode, long amount, uint hashType, PrecomputedTransactionData? precomputed = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentOutOfRangeException.ThrowIfNegative(inputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(inputIndex, transaction.Inputs.Count);
        precomputed = Use(precomputed, transaction);

        uint baseType = hashType & 0x1f;
        bool anyoneCanPay = (hashType & (uint)SigHashType.AnyoneCanPay) != 0;
        bool hashNone = baseType == (uint)SigHashType.None;
        bool hashSingle = baseType == (uint)SigHashType.Single;
        Span<byte> zero = stackalloc byte[32];
        zero.Clear();

        var input = transaction.Inputs[inputIndex];
        var writer = new BitcoinWriter(160 + scriptCode.Length);
        writer.WriteInt32(transaction.Version);
        writer.WriteBytes(anyoneCanPay ? zero : precomputed.HashPrevouts);
        writer.WriteBytes(!anyoneCanPay && !hashSingle && !hashNone ? precomputed.HashSequence : zero);
        writer.WriteHash256(input.PrevOut.TxId);
        writer.WriteUInt32(input.PrevOut.Index);
        writer.WriteVarBytes(scriptCode);
        writer.WriteInt64(amount);
        writer.WriteUInt32(input.Sequence);
        if (!hashSingle && !hashNone)
        {
            writer.WriteBytes(precomputed.HashOutputs);
        }
        else if (hashSingle && inputIndex < transaction.Outputs.Count)
        {
            var single = new BitcoinWriter();
            PrecomputedTransactionData.WriteOutput(single, transaction.Outputs[inputIndex]);
            writer.WriteBytes(Sha256.DoubleHash(single.WrittenSpan));
        }
        else
        {
            writer.WriteBytes(zero);
        }

        writer.WriteUInt32(transaction.LockTime);
        writer.WriteUInt32(hashType);
        return writer.ToArray();
    }

    /// <summary>
    /// BIP341 signature message (including the leading epoch byte 0x00) for a key-path spend, or a script-path spend when
    /// <paramref name="tapLeafHash"/> is given. <paramref name="annex"/> is the full annex including its 0x50 prefix.
    /// </summary>
    public static byte[] TaprootSignatureMessage(
        PrecomputedTransactionData precomputed,
        int inputIndex,
        SigHashType hashType,
        ReadOnlySpan<byte> annex = default,
        ReadOnlySpan<byte> tapLeafHash = default,
        uint codeSeparatorPosition = NoCodeSeparator)
    {
        ArgumentNullException.ThrowIfNull(precomputed);
        var tx = precomputed.Transaction;
        if (precomputed.SpentOutputs is null || precomputed.ShaAmounts is null || precomputed.ShaScriptPubKeys is null)
        {
            throw new SigningException("Taproot signature hashes need the outputs spent by every input.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(inputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(inputIndex, tx.Inputs.Count);
        uint ht = (uint)hashType;
        if (!(ht <= 0x03 || (ht >= 0x81 && ht <= 0x83)))
        {
            throw new SigningException($"Invalid taproot hash type 0x{ht:x2}.");
        }

        if (!tapLeafHash.IsEmpty && tapLeafHash.Length != 32)
        {
            throw new ArgumentException("Tapleaf hash must be 32 bytes.", nameof(tapLeafHash));
        }

        uint outputType = ht == 0 ? (uint)SigHashType.All : ht & 0x03;
        bool anyoneCanPay = (ht & (uint)SigHashType.AnyoneCanPay) != 0;
        if (outputType == (uint)SigHashType.Single && inputIndex >= tx.Outputs.Count)
        {
            throw new SigningException("SIGHASH_SINGLE without a matching output is invalid in taproot.");
        }

        var writer = new BitcoinWriter(256);
        writer.WriteByte(0x00); // epoch
        writer.WriteByte((byte)ht);
        writer.WriteInt32(tx.Version);
        writer.WriteUInt32(tx.LockTime);
        if (!anyoneCanPay)
        {
            writer.WriteBytes(precomputed.ShaPrevouts);
            writer.WriteBytes(precomputed.ShaAmounts);
            writer.WriteBytes(precomputed.ShaScriptPubKeys);
            writer.WriteBytes(precomputed.ShaSequences);
        }

        if (outputType == (uint)SigHashType.All)
        {
            writer.WriteBytes(precomputed.ShaOutputs);
        }

        bool hasAnnex = !annex.IsEmpty;
        bool scriptPath = !tapLeafHash.IsEmpty;
        writer.WriteByte((byte)((scriptPath ? 2 : 0) + (hasAnnex ? 1 : 0)));
        if (anyoneCanPay)
        {
            var input = tx.Inputs[inputIndex];
            var spent = precomputed.SpentOutputs[inputIndex];
            writer.WriteHash256(input.PrevOut.TxId);
            writer.WriteUInt32(input.PrevOut.Index);
            writer.WriteInt64(spent.Value);
            writer.WriteVarBytes(spent.ScriptPubKey);
            writer.WriteUInt32(input.Sequence);
        }
        else
        {
            writer.WriteUInt32((uint)inputIndex);
        }

        if (hasAnnex)
        {
            var annexWriter = new BitcoinWriter(annex.Length + 9);
            annexWriter.WriteVarBytes(annex);
            writer.WriteBytes(Sha256.Hash(annexWriter.WrittenSpan));
        }

        if (outputType == (uint)SigHashType.Single)
        {
            var single = new BitcoinWriter();
            PrecomputedTransactionData.WriteOutput(single, tx.Outputs[inputIndex]);
            writer.WriteBytes(Sha256.Hash(single.WrittenSpan));
        }

        if (scriptPath)
        {
            writer.WriteBytes(tapLeafHash);
            writer.WriteByte(0x00); // key_version
            writer.WriteUInt32(codeSeparatorPosition);
        }

        return writer.ToArray();
    }

    /// <summary>BIP341 signature hash: TaggedHash("TapSighash", signature message).</summary>
    public static byte[] Taproot(
        PrecomputedTransactionData precomputed,
        int inputIndex,
        SigHashType hashType,
        ReadOnlySpan<byte> annex = default,
        ReadOnlySpan<byte> tapLeafHash = default,
        uint codeSeparatorPosition = NoCodeSeparator)
    {
        return TaggedHash.Hash("TapSighash", TaprootSignatureMessage(precomputed, inputIndex, hashType, annex, tapLeafHash, codeSeparatorPosition));
    }

    private static PrecomputedTransactionData Use(PrecomputedTransactionData? precomputed, Transaction transaction)
    {
        if (precomputed is null)
        {
            return new PrecomputedTransactionData(transaction);
        }

        if (!ReferenceEquals(precomputed.Transaction, transaction))
        {
            throw new ArgumentException("Precomputed data belongs to a different transaction.", nameof(precomputed));
        }

        return precomputed;
    }

    // Bitcoin Core's SerializeScriptCode: drop every OP_CODESEPARATOR found while decoding ops; bytes after a malformed push are kept.
    private static void WriteScriptCodeWithoutCodeSeparators(BitcoinWriter writer, ReadOnlySpan<byte> script)
    {
        int separators = 0;
        int pos = 0;
        while (ScriptReader.TryReadOp(script, ref pos, out var opcode, out _, out _, out _))
        {
            if (opcode == OpcodeType.OP_CODESEPARATOR)
            {
                separators++;
            }
        }

        writer.WriteCompactSize((ulong)(script.Length - separators));
        if (separators == 0)
        {
            writer.WriteBytes(script);
            return;
        }

        int chunkStart = 0;
        pos = 0;
        while (true)
        {
            int opStart = pos;
            if (!ScriptReader.TryReadOp(script, ref pos, out var opcode, out _, out _, out _))
            {
                break;
            }

            if (opcode == OpcodeType.OP_CODESEPARATOR)
            {
                writer.WriteBytes(script[chunkStart..opStart]);
                chunkStart = pos;
            }
        }

        writer.WriteBytes(script[chunkStart..]);
    }
}
