using Hemi.Crypto;

namespace Hemi.Bitcoin.Scripts;

/// <summary>Recognises and builds the standard output scripts.</summary>
public static class ScriptTemplates
{
    /// <summary>Largest OP_RETURN output script relayed by default before Bitcoin Core 30 (83 bytes = OP_RETURN + PUSHDATA1 + 80 bytes).</summary>
    public const int MaxStandardNullDataScriptSize = 83;

    /// <summary>Classifies an output script.</summary>
    public static ScriptPubKeyType Classify(ReadOnlySpan<byte> script)
    {
        if (IsPayToScriptHash(script))
        {
            return ScriptPubKeyType.PayToScriptHash;
        }

        if (TryGetWitnessProgram(script, out int version, out var program))
        {
            return (version, program.Length) switch
            {
                (0, 20) => ScriptPubKeyType.PayToWitnessPubKeyHash,
                (0, 32) => ScriptPubKeyType.PayToWitnessScriptHash,
                (0, _) => ScriptPubKeyType.NonStandard,
                (1, 32) => ScriptPubKeyType.PayToTaproot,
                _ => ScriptPubKeyType.WitnessUnknown,
            };
        }

        if (script.Length >= 1 && script[0] == (byte)OpcodeType.OP_RETURN && Script.IsPushOnlyScript(script[1..]))
        {
            return ScriptPubKeyType.NullData;
        }

        if (IsPayToPubKey(script))
        {
            return ScriptPubKeyType.PayToPubKey;
        }

        if (IsPayToPubKeyHash(script))
        {
            return ScriptPubKeyType.PayToPubKeyHash;
        }

        return ScriptPubKeyType.NonStandard;
    }

    /// <summary>OP_DUP OP_HASH160 &lt;20&gt; OP_EQUALVERIFY OP_CHECKSIG.</summary>
    public static bool IsPayToPubKeyHash(ReadOnlySpan<byte> script) =>
        script.Length == 25
        && script[0] == (byte)OpcodeType.OP_DUP
        && script[1] == (byte)OpcodeType.OP_HASH160
        && script[2] == 20
        && script[23] == (byte)OpcodeType.OP_EQUALVERIFY
        && script[24] == (byte)OpcodeType.OP_CHECKSIG;

    /// <summary>OP_HASH160 &lt;20&gt; OP_EQUAL.</summary>
    public static bool IsPayToScriptHash(ReadOnlySpan<byte> script) =>
        script.Length == 23
        && script[0] == (byte)OpcodeType.OP_HASH160
        && script[1] == 20
        && script[22] == (byte)OpcodeType.OP_EQUAL;

    /// <summary>&lt;33-byte 02/03 or 65-byte 04/06/07 key&gt; OP_CHECKSIG (the key is checked for size and prefix only, as Bitcoin Core's Solver does).</summary>
    public static bool IsPayToPubKey(ReadOnlySpan<byte> script)
    {
        if (script.Length == 35 && script[0] == 33 && script[34] == (byte)OpcodeType.OP_CHECKSIG)
        {
            return script[1] is 0x02 or 0x03;
        }

        if (script.Length == 67 && script[0] == 65 && script[66] == (byte)OpcodeType.OP_CHECKSIG)
        {
            return script[1] is 0x04 or 0x06 or 0x07;
        }

        return false;
    }

    /// <summary>BIP141 witness program: OP_0 or OP_1..OP_16 then a single direct push of 2..40 bytes, nothing else.</summary>
    public static bool TryGetWitnessProgram(ReadOnlySpan<byte> script, out int version, out ReadOnlySpan<byte> program)
    {
        version = 0;
        program = default;
        if (script.Length < 4 || script.Length > 42)
        {
            return false;
        }

        byte op = script[0];
        if (op != (byte)OpcodeType.OP_0 && (op < (byte)OpcodeType.OP_1 || op > (byte)OpcodeType.OP_16))
        {
            return false;
        }

        if (script[1] + 2 != script.Length)
        {
            return false;
        }

        version = op == 0 ? 0 : op - (byte)OpcodeType.OP_1 + 1;
        program = script[2..];
        return true;
    }

    /// <summary>Extracts the 20-byte hash of a P2PKH, P2SH or P2WPKH script, or the 32-byte hash/key of P2WSH/P2TR; false otherwise.</summary>
    public static bool TryGetDestination(ReadOnlySpan<byte> script, out ScriptPubKeyType type, out ReadOnlySpan<byte> destination)
    {
        type = Classify(script);
        destination = type switch
        {
            ScriptPubKeyType.PayToPubKeyHash => script.Slice(3, 20),
            ScriptPubKeyType.PayToScriptHash => script.Slice(2, 20),
            ScriptPubKeyType.PayToWitnessPubKeyHash or ScriptPubKeyType.PayToWitnessScriptHash or ScriptPubKeyType.PayToTaproot => script[2..],
            ScriptPubKeyType.PayToPubKey => script[1..^1],
            _ => default,
        };
        return type is not (ScriptPubKeyType.NonStandard or ScriptPubKeyType.NullData or ScriptPubKeyType.WitnessUnknown);
    }

    /// <summary>&lt;pubkey&gt; OP_CHECKSIG for a 33 or 65-byte public key.</summary>
    public static byte[] PayToPubKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length is not (33 or 65))
        {
            throw new ArgumentException("Public key must be 33 or 65 bytes.", nameof(publicKey));
        }

        return new ScriptBuilder().PushWithLengthPrefix(publicKey).Add(OpcodeType.OP_CHECKSIG).ToArray();
    }

    /// <summary>P2PKH script for a 20-byte HASH160.</summary>
    public static byte[] PayToPubKeyHash(ReadOnlySpan<byte> pubKeyHash)
    {
        RequireLength(pubKeyHash, 20, nameof(pubKeyHash));
        var script = new byte[25];
        script[0] = (byte)OpcodeType.OP_DUP;
        script[1] = (byte)OpcodeType.OP_HASH160;
        script[2] = 20;
        pubKeyHash.CopyTo(script.AsSpan(3));
        script[23] = (byte)OpcodeType.OP_EQUALVERIFY;
        script[24] = (byte)OpcodeType.OP_CHECKSIG;
        return script;
    }

    /// <summary>P2PKH script paying to HASH160 of a serialized public key.</summary>
    public static byte[] PayToPubKeyHashOfKey(ReadOnlySpan<byte> publicKey) => PayToPubKeyHash(Hash160.Hash(publicKey));

    /// <summary>P2SH script for a 20-byte script hash.</summary>
    public static byte[] PayToScriptHash(ReadOnlySpan<byte> scriptHash)
    {
        RequireLength(scriptHash, 20, nameof(scriptHash));
        var script = new byte[23];
        script[0] = (byte)OpcodeType.OP_HASH160;
        script[1] = 20;
        scriptHash.CopyTo(script.AsSpan(2));
        script[22] = (byte)OpcodeType.OP_EQUAL;
        return script;
    }

    /// <summary>P2SH script wrapping a redeem script (HASH160 of it).</summary>
    public static byte[] PayToScriptHashOfScript(ReadOnlySpan<byte> redeemScript) => PayToScriptHash(Hash160.Hash(redeemScript));

    /// <summary>P2WPKH script for a 20-byte HASH160.</summary>
    public static byte[] PayToWitnessPubKeyHash(ReadOnlySpan<byte> pubKeyHash)
    {
        RequireLength(pubKeyHash, 20, nameof(pubKeyHash));
        return new WitnessProgram(0, pubKeyHash).ToScriptPubKey();
    }

    /// <summary>P2WPKH script paying to HASH160 of a compressed public key.</summary>
    public static byte[] PayToWitnessPubKeyHashOfKey(ReadOnlySpan<byte> compressedPublicKey)
    {
        RequireLength(compressedPublicKey, 33, nameof(compressedPublicKey));
        return PayToWitnessPubKeyHash(Hash160.Hash(compressedPublicKey));
    }

    /// <summary>P2WSH script for a 32-byte SHA256 of the witness script.</summary>
    public static byte[] PayToWitnessScriptHash(ReadOnlySpan<byte> scriptHash)
    {
        RequireLength(scriptHash, 32, nameof(scriptHash));
        return new WitnessProgram(0, scriptHash).ToScriptPubKey();
    }

    /// <summary>P2WSH script for a witness script (SHA256 of it).</summary>
    public static byte[] PayToWitnessScriptHashOfScript(ReadOnlySpan<byte> witnessScript) => PayToWitnessScriptHash(Sha256.Hash(witnessScript));

    /// <summary>P2TR script for a 32-byte x-only output key.</summary>
    public static byte[] PayToTaproot(ReadOnlySpan<byte> outputKey)
    {
        RequireLength(outputKey, 32, nameof(outputKey));
        return new WitnessProgram(1, outputKey).ToScriptPubKey();
    }

    /// <summary>Any witness program scriptPubKey (version 0..16, program 2..40 bytes).</summary>
    public static byte[] PayToWitnessProgram(int version, ReadOnlySpan<byte> program) => new WitnessProgram(version, program).ToScriptPubKey();

    /// <summary>OP_RETURN followed by one minimal push of <paramref name="data"/> (nothing after OP_RETURN when empty).</summary>
    public static byte[] NullData(ReadOnlySpan<byte> data)
    {
        var builder = new ScriptBuilder().Add(OpcodeType.OP_RETURN);
        if (!data.IsEmpty)
        {
            builder.PushWithLengthPrefix(data);
        }

        return builder.ToArray();
    }

    /// <summary>OP_RETURN followed by several pushes.</summary>
    public static byte[] NullDataPushes(IEnumerable<byte[]> pushes)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        var builder = new ScriptBuilder().Add(OpcodeType.OP_RETURN);
        foreach (var push in pushes)
        {
            builder.PushWithLengthPrefix(push);
        }

        return builder.ToArray();
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes.", name);
        }
    }
}
