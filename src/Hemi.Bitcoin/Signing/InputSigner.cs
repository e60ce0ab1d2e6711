using System.Security.Cryptography;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Signing;

/// <summary>
/// Signs and verifies single inputs of the standard single-key types: P2PKH, P2WPKH, P2SH-P2WPKH and P2TR key path.
/// Verification applies the standardness rules wallets rely on: strict DER and low S for ECDSA, a defined hash type,
/// the key matching the spent output's hash, and a valid signature.
/// </summary>
public static class InputSigner
{
    /// <summary>Which kind of spend the output script calls for (P2SH is assumed to wrap P2WPKH).</summary>
    public static ScriptPubKeyType GetSpendKind(ReadOnlySpan<byte> spentScriptPubKey) => ScriptTemplates.Classify(spentScriptPubKey);

    /// <summary>
    /// Produces the signed input (new scriptSig and witness) for input <paramref name="inputIndex"/>, which spends <paramref name="spentOutput"/>.
    /// For P2TR, <paramref name="auxRandom"/> (32 bytes) feeds BIP340 signing; random when omitted. <paramref name="taprootMerkleRoot"/> is
    /// empty for outputs without a script tree.
    /// </summary>
    public static TxIn Sign(
        Transaction transaction,
        int inputIndex,
        TxOut spentOutput,
        PrivateKey key,
        PrecomputedTransactionData precomputed,
        SigHashType hashType = SigHashType.All,
        ReadOnlySpan<byte> auxRandom = default,
        ReadOnlySpan<byte> taprootMerkleRoot = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spentOutput);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(precomputed);
        ArgumentOutOfRangeException.ThrowIfNegative(inputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(inputIndex, transaction.Inputs.Count);
        var input = transaction.Inputs[inputIndex];
        var script = spentOutput.ScriptPubKey;
        switch (ScriptTemplates.Classify(script))
        {
            case ScriptPubKeyType.PayToPubKeyHash:
            {
                RequireEcdsaHashType(hashType);
                var publicKey = MatchingPublicKey(key.PublicKey, script.AsSpan(3, 20));
                var sighash = SignatureHash.Legacy(transaction, inputIndex, script, (uint)hashType);
                var signature = EcdsaSignature(key, sighash, hashType);
                var scriptSig = new ScriptBuilder().PushWithLengthPrefix(signature).PushWithLengthPrefix(publicKey).ToArray();
                return new TxIn(input.PrevOut, scriptSig, input.Sequence);
            }

            case ScriptPubKeyType.PayToWitnessPubKeyHash:
            {
                RequireEcdsaHashType(hashType);
                var publicKey = key.PublicKey.ToCompressed();
                if (!Hash160.Hash(publicKey).AsSpan().SequenceEqual(script.AsSpan(2, 20)))
                {
                    throw new SigningException("The key does not match the P2WPKH output.");
                }

                var witness = WitnessV0KeyHashWitness(transaction, inputIndex, spentOutput.Value, key, publicKey, precomputed, hashType);
                return new TxIn(input.PrevOut, [], input.Sequence, witness);
            }

            case ScriptPubKeyType.PayToScriptHash:
            {
                RequireEcdsaHashType(hashType);
                var publicKey = key.PublicKey.ToCompressed();
                var redeemScript = ScriptTemplates.PayToWitnessPubKeyHash(Hash160.Hash(publicKey));
                if (!Hash160.Hash(redeemScript).AsSpan().SequenceEqual(script.AsSpan(2, 20)))
                {
                    throw new SigningException("The P2SH output is not P2SH-P2WPKH of this key.");
                }

                var witness = WitnessV0KeyHashWitness(transaction, inputIndex, spentOutput.Value, key, publicKey, precomputed, hashType);
                var scriptSig = new ScriptBuilder().PushWithLengthPrefix(redeemScript).ToArray();
                return new TxIn(input.PrevOut, scriptSig, input.Sequence, witness);
            }

            case ScriptPubKeyType.PayToTaproot:
            {
                using var tweaked = Crypto.Secp256k1.Taproot.TweakPrivateKey(key, taprootMerkleRoot);
                if (!tweaked.XOnlyPublicKey.ToBytes().AsSpan().SequenceEqual(script.AsSpan(2, 32)))
                {
                    throw new SigningException("The key does not match the P2TR output key.");
                }

                var sighash = SignatureHash.Taproot(precomputed, inputIndex, hashType);
                Span<byte> aux = stackalloc byte[32];
                if (auxRandom.IsEmpty)
                {
                    RandomNumberGenerator.Fill(aux);
                }
                else if (auxRandom.Length == 32)
                {
                    auxRandom.CopyTo(aux);
                }
                else
                {
                    throw new ArgumentException("Auxiliary randomness must be 32 bytes.", nameof(auxRandom));
                }

                var signature = Schnorr.Sign(tweaked, sighash, aux);
                byte[] witnessItem = hashType == SigHashType.Default ? signature : [.. signature, (byte)hashType];
                return new TxIn(input.PrevOut, [], input.Sequence, [witnessItem]);
            }

            default:
                throw new SigningException("Only P2PKH, P2WPKH, P2SH-P2WPKH and P2TR key-path outputs can be signed.");
        }
    }

    /// <summary>Verifies input <paramref name="inputIndex"/> of a signed transaction against the output it spends.</summary>
    public static bool Verify(Transaction transaction, int inputIndex, TxOut spentOutput, PrecomputedTransactionData? precomputed = null) =>
        Verify(transaction, inputIndex, spentOutput, precomputed, out _);

    /// <summary>Verifies an input and reports why it failed.</summary>
    public static bool Verify(Transaction transaction, int inputIndex, TxOut spentOutput, PrecomputedTransactionData? precomputed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spentOutput);
        if ((uint)inputIndex >= (uint)transaction.Inputs.Count)
        {
            error = "input index out of range";
            return false;
        }

        var input = transaction.Inputs[inputIndex];
        var script = spentOutput.ScriptPubKey;
        switch (ScriptTemplates.Classify(script))
        {
            case ScriptPubKeyType.PayToPubKeyHash:
            {
                if (input.HasWitness)
                {
                    return Fail("P2PKH input carries a witness", out error);
                }

                if (!TryGetPushes(input.ScriptSig, out var pushes) || pushes.Count != 2)
                {
                    return Fail("P2PKH scriptSig must be <sig> <pubkey>", out error);
                }

                if (!Hash160.Hash(pushes[1]).AsSpan().SequenceEqual(script.AsSpan(3, 20)))
                {
                    return Fail("public key does not match the P2PKH hash", out error);
                }

                if (!TrySplitEcdsaSignature(pushes[0], out var der, out uint hashType, out error))
                {
                    return false;
                }

                var sighash = SignatureHash.Legacy(transaction, inputIndex, script, hashType);
                return CheckEcdsa(pushes[1], der, sighash, out error);
            }

            case ScriptPubKeyType.PayToWitnessPubKeyHash:
                if (input.ScriptSig.Length != 0)
                {
                    return Fail("native segwit input has a scriptSig", out error);
                }

                return VerifyWitnessV0KeyHash(transaction, inputIndex, spentOutput.Value, script.AsSpan(2, 20), precomputed, out error);

            case ScriptPubKeyType.PayToScriptHash:
            {
                if (!TryGetPushes(input.ScriptSig, out var pushes) || pushes.Count != 1)
                {
                    return Fail("P2SH scriptSig must push only the redeem script", out error);
                }

                var redeemScript = pushes[0];
                if (!Hash160.Hash(redeemScript).AsSpan().SequenceEqual(script.AsSpan(2, 20)))
                {
                    return Fail("redeem script does not match the P2SH hash", out error);
                }

                if (ScriptTemplates.Classify(redeemScript) != ScriptPubKeyType.PayToWitnessPubKeyHash)
                {
                    return Fail("only P2SH-P2WPKH is supported", out error);
                }

                return VerifyWitnessV0KeyHash(transaction, inputIndex, spentOutput.Value, redeemScript.AsSpan(2, 20), precomputed, out error);
            }

            case ScriptPubKeyType.PayToTaproot:
                return VerifyTaprootKeyPath(transaction, inputIndex, script.AsSpan(2, 32), precomputed, out error);

            default:
                return Fail("unsupported output type", out error);
        }
    }

    private static bool VerifyWitnessV0KeyHash(Transaction transaction, int inputIndex, long amount, ReadOnlySpan<byte> keyHash, PrecomputedTransactionData? precomputed, out string? error)
    {
        var witness = transaction.Inputs[inputIndex].Witness;
        if (witness.Count != 2)
        {
            return Fail("P2WPKH witness must be <sig> <pubkey>", out error);
        }

        var publicKey = witness[1];
        if (publicKey.Length != PublicKey.CompressedSize)
        {
            return Fail("segwit v0 requires a compressed public key", out error);
        }

        if (!Hash160.Hash(publicKey).AsSpan().SequenceEqual(keyHash))
        {
            return Fail("public key does not match the witness program", out error);
        }

        if (!TrySplitEcdsaSignature(witness[0], out var der, out uint hashType, out error))
        {
            return false;
        }

        var scriptCode = ScriptTemplates.PayToPubKeyHash(keyHash);
        var sighash = SignatureHash.WitnessV0(transaction, inputIndex, scriptCode, amount, hashType, Matching(precomputed, transaction));
        return CheckEcdsa(publicKey, der, sighash, out error);
    }

    private static bool VerifyTaprootKeyPath(Transaction transaction, int inputIndex, ReadOnlySpan<byte> outputKey, PrecomputedTransactionData? precomputed, out string? error)
    {
        var input = transaction.Inputs[inputIndex];
        if (input.ScriptSig.Length != 0)
        {
            return Fail("taproot input has a scriptSig", out error);
        }

        if (precomputed?.SpentOutputs is null || !ReferenceEquals(precomputed.Transaction, transaction))
        {
            return Fail("taproot verification needs precomputed data with every spent output", out error);
        }

        var witness = input.Witness;
        byte[]? annex = null;
        int count = witness.Count;
        if (count >= 2 && witness[^1].Length > 0 && witness[^1][0] == 0x50)
        {
            annex = witness[^1];
            count--;
        }

        if (count != 1)
        {
            return Fail("only taproot key-path spends are supported", out error);
        }

        var signature = witness[0];
        SigHashType hashType;
        if (signature.Length == 64)
        {
            hashType = SigHashType.Default;
        }
        else if (signature.Length == 65 && signature[64] != 0)
        {
            hashType = (SigHashType)signature[64];
        }
        else
        {
            return Fail("bad Schnorr signature size", out error);
        }

        byte[] sighash;
        try
        {
            sighash = SignatureHash.Taproot(precomputed, inputIndex, hashType, annex);
        }
        catch (SigningException ex)
        {
            return Fail(ex.Message, out error);
        }

        if (!XOnlyPublicKey.TryParse(outputKey, out var key) || key is null)
        {
            return Fail("output key is not on the curve", out error);
        }

        if (!Schnorr.Verify(key, sighash, signature.AsSpan(0, 64)))
        {
            return Fail("Schnorr signature does not verify", out error);
        }

        error = null;
        return true;
    }

    private static byte[][] WitnessV0KeyHashWitness(Transaction transaction, int inputIndex, long amount, PrivateKey key, byte[] compressedPublicKey, PrecomputedTransactionData precomputed, SigHashType hashType)
    {
        var scriptCode = ScriptTemplates.PayToPubKeyHash(Hash160.Hash(compressedPublicKey));
        var sighash = SignatureHash.WitnessV0(transaction, inputIndex, scriptCode, amount, (uint)hashType, precomputed);
        return [EcdsaSignature(key, sighash, hashType), compressedPublicKey];
    }

    private static byte[] EcdsaSignature(PrivateKey key, Hash256 sighash, SigHashType hashType)
    {
        // libsecp256k1 signs deterministically (RFC6979) and always produces low-S.
        var der = Ecdsa.SignDer(key, sighash.AsSpan());
        return [.. der, (byte)hashType];
    }

    private static byte[] MatchingPublicKey(PublicKey publicKey, ReadOnlySpan<byte> hash)
    {
        var compressed = publicKey.ToCompressed();
        if (Hash160.Hash(compressed).AsSpan().SequenceEqual(hash))
        {
            return compressed;
        }

        var uncompressed = publicKey.ToUncompressed();
        if (Hash160.Hash(uncompressed).AsSpan().SequenceEqual(hash))
        {
            return uncompressed;
        }

        throw new SigningException("The key does not match the P2PKH output.");
    }

    private static void RequireEcdsaHashType(SigHashType hashType)
    {
        if (!IsDefinedEcdsaHashType((uint)hashType))
        {
            throw new SigningException($"Hash type 0x{(uint)hashType:x2} is not defined for ECDSA signatures.");
        }
    }

    private static bool IsDefinedEcdsaHashType(uint hashType)
    {
        uint baseType = hashType & ~(uint)SigHashType.AnyoneCanPay;
        return baseType is >= (uint)SigHashType.All and <= (uint)SigHashType.Single;
    }

    private static bool TrySplitEcdsaSignature(byte[] signatureWithHashType, out byte[] der, out uint hashType, out string? error)
    {
        der = [];
        hashType = 0;
        if (signatureWithHashType.Length < 9)
        {
            return Fail("signature too short", out error);
        }

        der = signatureWithHashType[..^1];
        hashType = signatureWithHashType[^1];
        if (!IsDefinedEcdsaHashType(hashType))
        {
            return Fail("undefined hash type", out error);
        }

        if (!Ecdsa.IsStrictDer(der))
        {
            return Fail("signature is not strict DER", out error);
        }

        if (!Ecdsa.IsLowS(der))
        {
            return Fail("signature S is not low", out error);
        }

        error = null;
        return true;
    }

    private static bool CheckEcdsa(byte[] publicKeyBytes, byte[] der, Hash256 sighash, out string? error)
    {
        if (!PublicKey.TryParse(publicKeyBytes, out var publicKey) || publicKey is null)
        {
            return Fail("public key is not a valid point", out error);
        }

        if (!Ecdsa.VerifyDer(publicKey, sighash.AsSpan(), der, DerParsing.Strict, requireLowS: true))
        {
            return Fail("ECDSA signature does not verify", out error);
        }

        error = null;
        return true;
    }

    private static bool TryGetPushes(byte[] scriptSig, out List<byte[]> pushes)
    {
        pushes = [];
        int pos = 0;
        while (ScriptReader.TryReadOp(scriptSig, ref pos, out var opcode, out int offset, out int length, out _))
        {
            if ((byte)opcode > (byte)OpcodeType.OP_PUSHDATA4)
            {
                return false;
            }

            pushes.Add(scriptSig.AsSpan(offset, length).ToArray());
        }

        return pos == scriptSig.Length;
    }

    private static PrecomputedTransactionData? Matching(PrecomputedTransactionData? precomputed, Transaction transaction) =>
        precomputed is not null && ReferenceEquals(precomputed.Transaction, transaction) ? precomputed : null;

    private static bool Fail(string reason, out string? error)
    {
        error = reason;
        return false;
    }
}
