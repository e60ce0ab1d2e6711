using System.Security.Cryptography;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Secp256k1;

/// <summary>A BIP340 x-only public key: the 32-byte X coordinate of a point with even Y.</summary>
public sealed unsafe class XOnlyPublicKey : IEquatable<XOnlyPublicKey>
{
    public const int Size = 32;

    private readonly byte[] _native;  // libsecp256k1's opaque secp256k1_xonly_pubkey
    private readonly byte[] _x;

    private XOnlyPublicKey(byte[] native, byte[] x)
    {
        _native = native;
        _x = x;
    }

    /// <exception cref="FormatException">Not 32 bytes, or X is not the coordinate of a curve point.</exception>
    public static XOnlyPublicKey Parse(ReadOnlySpan<byte> x32) =>
        TryParse(x32, out var key) ? key! : throw new FormatException("Invalid x-only public key.");

    public static bool TryParse(ReadOnlySpan<byte> x32, out XOnlyPublicKey? key)
    {
        key = null;
        if (x32.Length != Size)
        {
            return false;
        }

        var native = new byte[Secp256k1Native.XOnlyPublicKeySize];
        fixed (byte* input = x32)
        fixed (byte* p = native)
        {
            if (Secp256k1Native.XOnlyPubkeyParse(Secp256k1Context.Handle, p, input) != 1)
            {
                return false;
            }
        }

        key = new XOnlyPublicKey(native, x32.ToArray());
        return true;
    }

    public byte[] ToBytes() => (byte[])_x.Clone();

    public bool Equals(XOnlyPublicKey? other) => other is not null && _x.AsSpan().SequenceEqual(other._x);

    public override bool Equals(object? obj) => Equals(obj as XOnlyPublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_x, 0);

    public override string ToString() => Hex.Encode(_x);

    internal ReadOnlySpan<byte> Native => _native;

    internal ReadOnlySpan<byte> X => _x;

    internal static XOnlyPublicKey FromNative(byte[] native)
    {
        var x = new byte[Size];
        fixed (byte* o = x)
        fixed (byte* p = native)
        {
            if (Secp256k1Native.XOnlyPubkeySerialize(Secp256k1Context.Handle, o, p) != 1)
            {
                throw new CryptographicException("secp256k1_xonly_pubkey_serialize failed.");
            }
        }

        return new XOnlyPublicKey(native, x);
    }
}
