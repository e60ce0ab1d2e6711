using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>An immutable secp256k1 public key (a valid point, never infinity). Equality is by the point.</summary>
public sealed unsafe class PublicKey : IEquatable<PublicKey>
{
    public const int CompressedSize = 33;
    public const int UncompressedSize = 65;

    private readonly byte[] _native;      // libsecp256k1's opaque secp256k1_pubkey
    private readonly byte[] _compressed;  // canonical form for equality, hashing and display

    private PublicKey(byte[] native, byte[] compressed)
    {
        _native = native;
        _compressed = compressed;
    }

    /// <summary>Parses a 33-byte compressed (02/03) or 65-byte uncompressed (04) key; hybrid (06/07) keys are rejected.</summary>
    /// <exception cref="FormatException">Wrong length, prefix, or not a point on the curve.</exception>
    public static PublicKey Parse(ReadOnlySpan<byte> data) =>
        TryParse(data, out var key) ? key! : throw new FormatException($"Invalid secp256k1 public key ({data.Length} bytes).");

    public static bool TryParse(ReadOnlySpan<byte> data, out PublicKey? key)
    {
        key = null;
        var wellFormed = data.Length switch
        {
            CompressedSize => data[0] is 0x02 or 0x03,
            UncompressedSize => data[0] == 0x04,
            _ => false,
        };
        if (!wellFormed)
        {
            return false;
        }

        var native = new byte[Secp256k1Native.PublicKeySize];
        fixed (byte* input = data)
        fixed (byte* p = native)
        {
            if (Secp256k1Native.EcPubkeyParse(Secp256k1Context.Handle, p, input, (nuint)data.Length) != 1)
            {
                return false;
            }
        }

        key = FromNative(native);
        return true;
    }

    public byte[] ToCompressed() => (byte[])_compressed.Clone();

    public byte[] ToUncompressed() => Serialize(_native, Secp256k1Native.EcUncompressed, UncompressedSize);

    /// <summary>The BIP340 x-only key; <paramref name="parityOdd"/> reports whether Y was odd.</summary>
    public XOnlyPublicKey ToXOnly(out bool parityOdd)
    {
        var xonly = new byte[Secp256k1Native.XOnlyPublicKeySize];
        int parity;
        fixed (byte* x = xonly)
        fixed (byte* p = _native)
        {
            if (Secp256k1Native.XOnlyPubkeyFromPubkey(Secp256k1Context.Handle, x, &parity, p) != 1)
            {
                throw new CryptographicException("secp256k1_xonly_pubkey_from_pubkey failed.");
            }
        }

        parityOdd = parity == 1;
        return XOnlyPublicKey.FromNative(xonly);
    }

    public bool Equals(PublicKey? other) => other is not null && _compressed.AsSpan().SequenceEqual(other._compressed);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_compressed, 1);

    public override string ToString() => Hex.Encode(_compressed);

    /// <summary>The opaque native struct, for passing to libsecp256k1.</summary>
    internal ReadOnlySpan<byte> Native => _native;

    internal static PublicKey FromNative(byte[] native) =>
        new(native, Serialize(native, Secp256k1Native.EcCompressed, CompressedSize));

    private static byte[] Serialize(byte[] native, uint flags, int size)
    {
        var output = new byte[size];
        var length = (nuint)size;
        fixed (byte* o = output)
        fixed (byte* p = native)
        {
            if (Secp256k1Native.EcPubkeySerialize(Secp256k1Context.Handle, o, &length, p, flags) != 1 || length != (nuint)size)
            {
                throw new CryptographicException("secp256k1_ec_pubkey_serialize failed.");
            }
        }

        return output;
    }
}
