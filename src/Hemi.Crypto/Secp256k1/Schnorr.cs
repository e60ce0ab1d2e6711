using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>BIP340 Schnorr signatures. Messages of any length are supported (BIP340 allows them); Bitcoin uses 32.</summary>
public static unsafe class Schnorr
{
    public const int SignatureSize = 64;

    /// <summary>Signs with the BIP340 nonce derivation; <paramref name="auxRand32"/> is empty (treated as 32 zero bytes) or 32 bytes.</summary>
    public static byte[] Sign(PrivateKey key, ReadOnlySpan<byte> msg32, ReadOnlySpan<byte> auxRand32 = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!auxRand32.IsEmpty && auxRand32.Length != 32)
        {
            throw new ArgumentException("aux_rand must be empty or 32 bytes.", nameof(auxRand32));
        }

        Span<byte> keypair = stackalloc byte[Secp256k1Native.KeyPairSize];
        var signature = new byte[SignatureSize];
        try
        {
            key.CreateKeyPair(keypair);
            fixed (byte* kp = keypair)
            fixed (byte* m = msg32)
            fixed (byte* aux = auxRand32)
            fixed (byte* sig = signature)
            {
                var extra = Secp256k1Native.SchnorrSigExtraParams.Create(auxRand32.IsEmpty ? null : aux);

                // A non-null pointer is required even for an empty message.
                byte dummy = 0;
                var message = msg32.IsEmpty ? &dummy : m;
                if (Secp256k1Native.SchnorrSigSignCustom(Secp256k1Context.Handle, sig, message, (nuint)msg32.Length, kp, &extra) != 1)
                {
                    throw new CryptographicException("secp256k1_schnorrsig_sign_custom failed.");
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keypair);
        }

        return signature;
    }

    /// <summary>Verifies a 64-byte BIP340 signature over a message of any length.</summary>
    public static bool Verify(XOnlyPublicKey key, ReadOnlySpan<byte> msg32, ReadOnlySpan<byte> sig64)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (sig64.Length != SignatureSize)
        {
            return false;
        }

        fixed (byte* sig = sig64)
        fixed (byte* m = msg32)
        fixed (byte* p = key.Native)
        {
            byte dummy = 0;
            var message = msg32.IsEmpty ? &dummy : m;
            return Secp256k1Native.SchnorrSigVerify(Secp256k1Context.Handle, sig, message, (nuint)msg32.Length, p) == 1;
        }
    }
}
