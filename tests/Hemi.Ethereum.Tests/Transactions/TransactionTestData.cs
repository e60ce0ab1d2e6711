using System.Numerics;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Tests.Transactions;

/// <summary>Fixed keys and transactions shared by the transaction tests.</summary>
internal static class TransactionTestData
{
    public static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static PrivateKey Key() => PrivateKey.FromBytes(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

    public static DynamicFeeTransaction DynamicFee() => new()
    {
        ChainId = 743111,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 30_000_000_000,
        GasLimit = 21_000,
        To = Address.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
        Data = [0xde, 0xad, 0xbe, 0xef],
        AccessList =
        [
            new AccessListEntry(Address.Parse("0x00000000000000000000000000000000000000aa"), [Hash32.Parse(new string('1', 64))]),
        ],
    };

    public static LegacyTransaction Legacy(ulong? chainId) => new()
    {
        ChainId = chainId,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21_000,
        To = Address.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
    };
}
