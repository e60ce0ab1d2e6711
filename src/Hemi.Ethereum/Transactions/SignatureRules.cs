using System.Globalization;
using System.Numerics;

namespace Hemi.Ethereum.Transactions;

/// <summary>secp256k1 constants for Ethereum's signature acceptance rules.</summary>
internal static class SignatureRules
{
    /// <summary>The secp256k1 group order n.</summary>
    public static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>n/2 (floor): the largest s accepted since Homestead.</summary>
    public static readonly BigInteger HalfOrder = Order >> 1;
}
