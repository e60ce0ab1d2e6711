using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>BIP341 key tweaking: Q = P + t·G with t = TaggedHash("TapTweak", P ‖ merkleRoot); merkleRoot is empty for key-path-only outputs.</summary>
public static unsafe class Taproot
{
    public const string TweakTag = "TapTweak";

    /// <summary>The output key Q for an internal key P; <paramref name="parityOdd"/> is Q's Y parity (the control block bit).</summary>
    /// <exception cref="CryptographicException">The tweak is not below n or the result is infinity (negligibly unlikely).</exception>
    public static XOnlyPublicKey TweakPublicKey(XOnlyPublicKey internalKey, ReadOnlySpan<byte> merkleRoot, out bool parityOdd)
    {
        ArgumentNullException.ThrowIfNull(internalKey);
        Span<byte> tweak = stackalloc byte[32];
        ComputeTweak(internalKey.X, merkleRoot, tweak);

        var output = new byte[Secp256k1Native.PublicKeySize];
        var xonly = new byte[Secp256k1Native.XOnlyPublicKeySize];
        int parity;
        var context = Secp256k1Context.Handle;
        fixed (byte* o = output)
        fixed (byte* x = xonly)
        fixed (byte* p = internalKey.Native)
        fixed (byte* t = tweak)
        {
            if (Secp256k1Native.XOnlyPubkeyTweakAdd(context, o, p, t) != 1 ||
                Secp256k1Native.XOnlyPubkeyFromPubkey(context, x, &parity, o) != 1)
            {
                throw new CryptographicException("Taproot public key tweak failed.");
            }
        }

        parityOdd = parity == 1;
        return XOnlyPublicKey.FromNative(xonly);
    }

    /// <summary>The secret key for the tweaked output key (negating the internal key first when its Y is odd, per BIP341).</summary>
    public static PrivateKey TweakPrivateKey(PrivateKey internalKey, ReadOnlySpan<byte> merkleRoot)
    {
        ArgumentNullException.ThrowIfNull(internalKey);
        Span<byte> tweak = stackalloc byte[32];
        ComputeTweak(internalKey.XOnlyPublicKey.X, merkleRoot, tweak);

        Span<byte> keypair = stackalloc byte[Secp256k1Native.KeyPairSize];
        Span<byte> secret = stackalloc byte[PrivateKey.Size];
        try
        {
            internalKey.CreateKeyPair(keypair);
            fixed (byte* kp = keypair)
            fixed (byte* t = tweak)
            fixed (byte* s = secret)
            {
                var context = Secp256k1Context.Handle;
                if (Secp256k1Native.KeyPairXOnlyTweakAdd(context, kp, t) != 1 ||
                    Secp256k1Native.KeyPairSec(context, s, kp) != 1)
                {
                    throw new CryptographicException("Taproot private key tweak failed.");
                }
            }

            return PrivateKey.FromValidated(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keypair);
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void ComputeTweak(ReadOnlySpan<byte> internalX, ReadOnlySpan<byte> merkleRoot, Span<byte> tweak)
    {
        if (!merkleRoot.IsEmpty && merkleRoot.Length != 32)
        {
            throw new ArgumentException("The merkle root must be empty or 32 bytes.", nameof(merkleRoot));
        }

        Span<byte> data = stackalloc byte[64];
        internalX.CopyTo(data);
        merkleRoot.CopyTo(data[32..]);
        TaggedHash.Hash(TweakTag, data[..(32 + merkleRoot.Length)], tweak);
    }
}
