using System.Numerics;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;

namespace Hemi.Protocol.Tests.L2;

/// <summary>Deterministic keys and signed transactions for the L2 tests.</summary>
internal static class L2TestKeys
{
    public const ulong ChainId = 743111;

    public static PrivateKey Key(byte seed)
    {
        var bytes = new byte[32];
        bytes[31] = seed;
        bytes[0] = 0x11;
        return PrivateKey.FromBytes(bytes);
    }

    public static Address AddressOf(PrivateKey key) => Address.FromPublicKey(key.PublicKey);

    public static DynamicFeeTransaction Transfer(PrivateKey key, ulong nonce, Address to, BigInteger value, BigInteger maxFee, BigInteger tip, ulong gas = 21_000, byte[]? data = null) =>
        new DynamicFeeTransaction
        {
            ChainId = ChainId,
            Nonce = nonce,
            To = to,
            Value = value,
            GasLimit = gas,
            MaxFeePerGas = maxFee,
            MaxPriorityFeePerGas = tip,
            Data = data ?? [],
        }.Sign(key);

    public static LegacyTransaction LegacyTransfer(PrivateKey key, ulong nonce, Address to, BigInteger value, BigInteger gasPrice, ulong? chainId = ChainId) =>
        new LegacyTransaction
        {
            ChainId = chainId,
            Nonce = nonce,
            To = to,
            Value = value,
            GasLimit = 21_000,
            GasPrice = gasPrice,
        }.Sign(key);
}
