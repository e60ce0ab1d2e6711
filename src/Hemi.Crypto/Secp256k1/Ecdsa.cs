using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>
/// ECDSA over secp256k1 through libsecp256k1: RFC6979 deterministic, low-S signing; compact (r‖s) and DER encodings;
/// public key recovery. Every method takes a 32-byte message hash; any other length is an <see cref="ArgumentException"/>.
/// </summary>
public static unsafe class Ecdsa
{
    public const int CompactSize = 64;
    public const int MaxDerSize = 72;

    /// <summary>Signs a 32-byte hash: RFC6979 nonce (optionally mixed with 32 bytes of extra entropy), low S, 64 bytes r‖s.</summary>
    public static byte[] SignCompact(PrivateKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> extraEntropy32 = default)
    {
        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        Sign(key, hash32, extraEntropy32, sig);
        var output = new byte[CompactSize];
        fixed (byte* o = output)
        fixed (byte* s = sig)
        {
            _ = Secp256k1Native.EcdsaSignatureSerializeCompact(Secp256k1Context.Handle, o, s);
        }

        return output;
    }

    /// <summary>The same signature as <see cref="SignCompact"/>, DER encoded (no sighash byte).</summary>
    public static byte[] SignDer(PrivateKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> extraEntropy32 = default)
    {
        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        Sign(key, hash32, extraEntropy32, sig);
        Span<byte> der = stackalloc byte[MaxDerSize];
        var length = (nuint)MaxDerSize;
        fixed (byte* o = der)
        fixed (byte* s = sig)
        {
            if (Secp256k1Native.EcdsaSignatureSerializeDer(Secp256k1Context.Handle, o, &length, s) != 1)
            {
                throw new CryptographicException("secp256k1_ecdsa_signature_serialize_der failed.");
            }
        }

        return der[..(int)length].ToArray();
    }

    /// <summary>Verifies a 64-byte r‖s signature. High-S signatures are rejected, as libsecp256k1 does.</summary>
    public static bool VerifyCompact(PublicKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> sig64)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireHash(hash32);
        if (sig64.Length != CompactSize)
        {
            return false;
        }

        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        var context = Secp256k1Context.Handle;
        fixed (byte* input = sig64)
        fixed (byte* s = sig)
        fixed (byte* h = hash32)
        fixed (byte* p = key.Native)
        {
            return Secp256k1Native.EcdsaSignatureParseCompact(context, s, input) == 1 &&
                   Secp256k1Native.EcdsaVerify(context, s, h, p) == 1;
        }
    }

    /// <summary>
    /// Verifies a DER signature (without sighash byte). High S is accepted (normalized first) unless
    /// <paramref name="requireLowS"/>; <see cref="DerParsing.Lax"/> accepts pre-BIP66 malformed encodings.
    /// </summary>
    public static bool VerifyDer(PublicKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> der, DerParsing parsing = DerParsing.Strict, bool requireLowS = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireHash(hash32);

        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        if (!TryParseDer(der, parsing, sig))
        {
            return false;
        }

        var context = Secp256k1Context.Handle;
        fixed (byte* s = sig)
        fixed (byte* h = hash32)
        fixed (byte* p = key.Native)
        {
            // normalize returns 1 when S was high (and rewrites it in place).
            var wasHigh = Secp256k1Native.EcdsaSignatureNormalize(context, s, s) == 1;
            if (wasHigh && requireLowS)
            {
                return false;
            }

            return Secp256k1Native.EcdsaVerify(context, s, h, p) == 1;
        }
    }

    /// <summary>BIP66 strict DER encoding check for a signature without its sighash byte.</summary>
    public static bool IsStrictDer(ReadOnlySpan<byte> sigWithoutHashType) => DerSignature.IsStrict(sigWithoutHashType);

    /// <summary>
    /// Whether a DER signature (lax parsing, trailing bytes such as a sighash type ignored) has S ≤ n/2.
    /// Unparseable input is not low-S; an out-of-range R or S reads as zero, as in Bitcoin Core's IsLowDERSignature.
    /// </summary>
    public static bool IsLowS(ReadOnlySpan<byte> der)
    {
        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        if (!TryParseDer(der, DerParsing.Lax, sig, zeroOnOverflow: true))
        {
            return false;
        }

        fixed (byte* s = sig)
        {
            return Secp256k1Native.EcdsaSignatureNormalize(Secp256k1Context.Handle, null, s) == 0;
        }
    }

    /// <summary>Returns the signature with S replaced by n − S when S is high.</summary>
    /// <exception cref="FormatException">Not 64 bytes, or R or S not below the group order.</exception>
    public static byte[] NormalizeS(ReadOnlySpan<byte> sig64)
    {
        if (sig64.Length != CompactSize)
        {
            throw new FormatException("A compact signature is 64 bytes.");
        }

        Span<byte> sig = stackalloc byte[Secp256k1Native.SignatureSize];
        var output = new byte[CompactSize];
        var context = Secp256k1Context.Handle;
        fixed (byte* input = sig64)
        fixed (byte* s = sig)
        fixed (byte* o = output)
        {
            if (Secp256k1Native.EcdsaSignatureParseCompact(context, s, input) != 1)
            {
                throw new FormatException("Signature R or S is not below the group order.");
            }

            _ = Secp256k1Native.EcdsaSignatureNormalize(context, s, s);
            _ = Secp256k1Native.EcdsaSignatureSerializeCompact(context, o, s);
        }

        return output;
    }

    /// <summary>Signs (RFC6979, low S) and returns r‖s with the recovery id.</summary>
    public static RecoverableSignature SignRecoverable(PrivateKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> extraEntropy32 = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireHash(hash32);
        RequireEntropy(extraEntropy32);

        Span<byte> sig = stackalloc byte[Secp256k1Native.RecoverableSignatureSize];
        var output = new byte[CompactSize];
        int recoveryId;
        var context = Secp256k1Context.Handle;
        fixed (byte* s = sig)
        fixed (byte* h = hash32)
        fixed (byte* k = key.Secret)
        fixed (byte* e = extraEntropy32)
        fixed (byte* o = output)
        {
            if (Secp256k1Native.EcdsaSignRecoverable(context, s, h, k, 0, extraEntropy32.IsEmpty ? null : e) != 1)
            {
                throw new CryptographicException("secp256k1_ecdsa_sign_recoverable failed.");
            }

            _ = Secp256k1Native.EcdsaRecoverableSignatureSerializeCompact(context, o, &recoveryId, s);
        }

        return new RecoverableSignature(output, recoveryId);
    }

    /// <summary>Recovers the signer's public key.</summary>
    /// <exception cref="CryptographicException">Malformed signature, bad recovery id, or no key recovers.</exception>
    public static PublicKey Recover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> sig64, int recoveryId) =>
        TryRecover(hash32, sig64, recoveryId, out var key) ? key! : throw new CryptographicException("Public key recovery failed.");

    public static bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> sig64, int recoveryId, out PublicKey? key)
    {
        RequireHash(hash32);
        key = null;
        if (sig64.Length != CompactSize || recoveryId is < 0 or > 3)
        {
            return false;
        }

        Span<byte> sig = stackalloc byte[Secp256k1Native.RecoverableSignatureSize];
        var pubkey = new byte[Secp256k1Native.PublicKeySize];
        var context = Secp256k1Context.Handle;
        fixed (byte* input = sig64)
        fixed (byte* s = sig)
        fixed (byte* h = hash32)
        fixed (byte* p = pubkey)
        {
            if (Secp256k1Native.EcdsaRecoverableSignatureParseCompact(context, s, input, recoveryId) != 1 ||
                Secp256k1Native.EcdsaRecover(context, p, s, h) != 1)
            {
                return false;
            }
        }

        key = PublicKey.FromNative(pubkey);
        return true;
    }

    private static void Sign(PrivateKey key, ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> extraEntropy32, Span<byte> sig)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireHash(hash32);
        RequireEntropy(extraEntropy32);
        fixed (byte* s = sig)
        fixed (byte* h = hash32)
        fixed (byte* k = key.Secret)
        fixed (byte* e = extraEntropy32)
        {
            if (Secp256k1Native.EcdsaSign(Secp256k1Context.Handle, s, h, k, 0, extraEntropy32.IsEmpty ? null : e) != 1)
            {
                throw new CryptographicException("secp256k1_ecdsa_sign failed.");
            }
        }
    }

    /// <summary>Parses DER into libsecp256k1's signature struct; false when the encoding is rejected or R/S is out of range.</summary>
    private static bool TryParseDer(ReadOnlySpan<byte> der, DerParsing parsing, Span<byte> sig, bool zeroOnOverflow = false)
    {
        if (parsing is not (DerParsing.Strict or DerParsing.Lax))
        {
            throw new ArgumentOutOfRangeException(nameof(parsing), parsing, "Unknown DER parsing mode.");
        }

        var context = Secp256k1Context.Handle;
        if (parsing == DerParsing.Strict)
        {
            if (!DerSignature.IsStrict(der))
            {
                return false;
            }

            fixed (byte* input = der)
            fixed (byte* s = sig)
            {
                return Secp256k1Native.EcdsaSignatureParseDer(context, s, input, (nuint)der.Length) == 1;
            }
        }

        Span<byte> compact = stackalloc byte[CompactSize];
        if (!DerSignature.TryParseLax(der, compact, out var overflow))
        {
            return false;
        }

        if (overflow && !zeroOnOverflow)
        {
            return false;
        }

        fixed (byte* input = compact)
        fixed (byte* s = sig)
        {
            if (Secp256k1Native.EcdsaSignatureParseCompact(context, s, input) == 1)
            {
                return true;
            }

            if (!zeroOnOverflow)
            {
                return false;
            }

            compact.Clear();
            return Secp256k1Native.EcdsaSignatureParseCompact(context, s, input) == 1;
        }
    }

    private static void RequireHash(ReadOnlySpan<byte> hash32)
    {
        if (hash32.Length != 32)
        {
            throw new ArgumentException("The message hash must be 32 bytes.", nameof(hash32));
        }
    }

    private static void RequireEntropy(ReadOnlySpan<byte> extraEntropy32)
    {
        if (!extraEntropy32.IsEmpty && extraEntropy32.Length != 32)
        {
            throw new ArgumentException("Extra entropy must be empty or 32 bytes.", nameof(extraEntropy32));
        }
    }
}
