using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>Signed EIP-1559 ETH transfers, as a wallet would make them.</summary>
internal static class Transfers
{
    public const ulong TransferGas = 21_000;

    public static DynamicFeeTransaction Unsigned(ulong chainId, ulong nonce, Address to, BigInteger value, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) => new()
    {
        ChainId = chainId,
        Nonce = nonce,
        MaxPriorityFeePerGas = maxPriorityFeePerGas,
        MaxFeePerGas = maxFeePerGas,
        GasLimit = TransferGas,
        To = to,
        Value = value,
    };

    public static DynamicFeeTransaction Sign(DevAccount from, ulong chainId, ulong nonce, Address to, BigInteger value, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) =>
        Unsigned(chainId, nonce, to, value, maxFeePerGas, maxPriorityFeePerGas).Sign(from.Key);
}
