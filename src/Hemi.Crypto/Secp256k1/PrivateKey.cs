using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>
/// A secp256k1 secret key (0 &lt; k &lt; n). The 32 bytes live in a pinned buffer owned by this instance, so the GC never
/// leaves copies behind, and are zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class PrivateKey : IDisposable
{
    public const int Size = 32;

    private readonly byte[] _secret = GC.AllocateArray<byte>(Size, pinned: true);
    private PublicKey? _publicKey;
    private XOnlyPublicKey? _xOnlyPublicKey;
    private bool _disposed;

    private PrivateKey()
    {
    }

    /// <summary>Copies and validates a 32-byte secret.</summary>
    /// <exception cref="ArgumentException">Wrong length, zero, or not below the group order.</exception>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> key32)
    {
        if (!IsValid(key32))
        {
            throw new ArgumentException("A private key must be 32 bytes with 0 < k < n.", nameof(key32));
        }

        var key = new PrivateKey();
        key32.CopyTo(key._secret);
        return key;
    }

    /// <summary>Whether the bytes form a valid secret key.</summary>
    public static bool IsValid(ReadOnlySpan<byte> key32)
    {
        if (key32.Length != Size)
        {
            return false;
        }

        fixed (byte* k = key32)
        {
            return Secp256k1Native.EcSeckeyVerify(Secp256k1Context.Handle, k) == 1;
        }
    }

    /// <summary>A fresh key from the OS CSPRNG.</summary>
    public static PrivateKey Generate()
    {
        var key = new PrivateKey();
        do
        {
            RandomNumberGenerator.Fill(key._secret);
        }
        while (!IsValid(key._secret));

        return key;
    }

    /// <summary>A copy of the secret; the caller owns (and should zero) it.</summary>
    public byte[] ToBytes() => Secret.ToArray();

    public PublicKey PublicKey => _publicKey ??= CreatePublicKey();

    public XOnlyPublicKey XOnlyPublicKey => _xOnlyPublicKey ??= PublicKey.ToXOnly(out _);

    /// <summary>The live secret bytes (pinned, so taking a pointer to them is safe).</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The owned buffer itself, for tests that check it is wiped on dispose.</summary>
    internal byte[] OwnedBufferForTesting => _secret;

    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
    }

    /// <summary>Builds a key pair (secret + public point) in a caller-owned buffer; callers must zero it.</summary>
    internal void CreateKeyPair(Span<byte> keypair)
    {
        fixed (byte* k = Secret)
        fixed (byte* kp = keypair)
        {
            if (Secp256k1Native.KeyPairCreate(Secp256k1Context.Handle, kp, k) != 1)
            {
                throw new CryptographicException("secp256k1_keypair_create failed.");
            }
        }
    }

    /// <summary>Wraps a secret already known to be valid, taking a copy.</summary>
    internal static PrivateKey FromValidated(ReadOnlySpan<byte> key32)
    {
        var key = new PrivateKey();
        key32.CopyTo(key._secret);
        return key;
    }

    private PublicKey CreatePublicKey()
    {
        var pubkey = new byte[Secp256k1Native.PublicKeySize];
        fixed (byte* k = Secret)
        fixed (byte* p = pubkey)
        {
            if (Secp256k1Native.EcPubkeyCreate(Secp256k1Context.Handle, p, k) != 1)
            {
                throw new CryptographicException("secp256k1_ec_pubkey_create failed.");
            }
        }

        return PublicKey.FromNative(pubkey);
    }
}
