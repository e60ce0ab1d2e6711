using System.Globalization;
using System.Numerics;

namespace Hemi.Crypto.Tests.Secp256k1;

/// <summary>
/// A slow, obviously-correct affine secp256k1 in BigInteger, used only to check results independently of libsecp256k1
/// (BIP340 challenge hashing, tweak arithmetic).
/// </summary>
internal static class ReferenceCurve
{
    public static readonly BigInteger P = Parse("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
    public static readonly BigInteger N = Parse("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    public static readonly (BigInteger X, BigInteger Y)? G =
        (Parse("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
         Parse("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"));

    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static BigInteger FromBytes(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static byte[] ToBytes32(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[32];
        bytes.CopyTo(result, 32 - bytes.Length);
        return result;
    }

    public static (BigInteger X, BigInteger Y)? Add((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var (x1, y1) = a.Value;
        var (x2, y2) = b.Value;
        BigInteger lambda;
        if (x1 == x2)
        {
            if (Mod(y1 + y2) == 0)
            {
                return null;
            }

            lambda = Mod(3 * x1 * x1 * Inverse(2 * y1));
        }
        else
        {
            lambda = Mod((y2 - y1) * Inverse(x2 - x1));
        }

        var x3 = Mod((lambda * lambda) - x1 - x2);
        return (x3, Mod((lambda * (x1 - x3)) - y1));
    }

    public static (BigInteger X, BigInteger Y)? Multiply((BigInteger X, BigInteger Y)? point, BigInteger k)
    {
        (BigInteger X, BigInteger Y)? result = null;
        for (var i = (int)k.GetBitLength() - 1; i >= 0; i--)
        {
            result = Add(result, result);
            if (!(k >> i).IsEven)
            {
                result = Add(result, point);
            }
        }

        return result;
    }

    /// <summary>The even-Y point with the given X (BIP340 lift_x), or null.</summary>
    public static (BigInteger X, BigInteger Y)? LiftX(BigInteger x)
    {
        if (x >= P)
        {
            return null;
        }

        var c = Mod((x * x * x) + 7);
        var y = BigInteger.ModPow(c, (P + 1) / 4, P);
        if (Mod(y * y) != c)
        {
            return null;
        }

        return (x, y.IsEven ? y : P - y);
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    // Extended Euclid: far cheaper than Fermat's ModPow, which made the reference multiply slow.
    private static BigInteger Inverse(BigInteger value)
    {
        BigInteger a = Mod(value), m = P, x0 = 1, x1 = 0;
        while (m != 0)
        {
            var q = BigInteger.DivRem(a, m, out var r);
            (a, m) = (m, r);
            (x0, x1) = (x1, x0 - (q * x1));
        }

        return Mod(x0);
    }
}
