using Hemi.Ethereum.Transactions;

namespace Hemi.Protocol.L2.Fees;

/// <summary>
/// Gas costs of the native execution engine. Intrinsic costs are Ethereum's (Istanbul calldata, Berlin access
/// lists). The native calls charge a fixed amount on top of the intrinsic gas instead of metering opcodes; the
/// figures approximate what the equivalent Solidity code costs on the EVM, so wallets' estimates stay sensible:
/// <list type="bullet">
/// <item>ERC-20 <c>transfer</c>/<c>transferFrom</c>: 2 cold SLOADs + 2 SSTOREs + a LOG3 ≈ 30,000 (an OpenZeppelin transfer costs ≈ 51,000 in total).</item>
/// <item><c>approve</c>: 1 SSTORE + LOG3 ≈ 24,000.</item>
/// <item>View calls (<c>balanceOf</c>, <c>allowance</c>, <c>totalSupply</c>, <c>decimals</c>, <c>name</c>, <c>symbol</c>): one cold SLOAD, 2,600.</item>
/// <item>hVM precompiles 0x40–0x46: their fixed hVM gas (<see cref="Hemi.Protocol.Hvm.Precompiles.HvmPrecompiles"/>: 50,000 / 100,000 / 25,000 / 5,000 / 5,000 / 6,000 / 25,000).</item>
/// <item>System transactions (0x7C, 0x7D) are gas-free: they add nothing to the block's gas used.</item>
/// </list>
/// </summary>
public static class GasSchedule
{
    /// <summary>Base cost of every transaction.</summary>
    public const ulong TransactionBase = 21_000;

    /// <summary>Extra base cost of a contract creation (not executable here, kept for estimates).</summary>
    public const ulong ContractCreation = 32_000;

    public const ulong CallDataZeroByte = 4;

    public const ulong CallDataNonZeroByte = 16;

    public const ulong AccessListAddress = 2_400;

    public const ulong AccessListStorageKey = 1_900;

    public const ulong Erc20Transfer = 30_000;

    public const ulong Erc20Approve = 24_000;

    public const ulong Erc20View = 2_600;

    /// <summary>Mint by the system (deposits, PoP payouts); charged to nobody, documented for accounting.</summary>
    public const ulong Erc20Mint = 30_000;

    /// <summary>The intrinsic gas of <paramref name="transaction"/>: base + calldata + access list (+ creation).</summary>
    public static ulong IntrinsicGas(EthereumTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return IntrinsicGas(transaction.Data, transaction.To is null, transaction.AccessList);
    }

    /// <summary>The intrinsic gas of a call with this data and access list (for estimates before a transaction exists).</summary>
    public static ulong IntrinsicGas(ReadOnlySpan<byte> data, bool isContractCreation, IReadOnlyList<AccessListEntry> accessList)
    {
        ArgumentNullException.ThrowIfNull(accessList);
        var gas = TransactionBase;
        if (isContractCreation)
        {
            gas += ContractCreation;
        }

        var nonZero = (ulong)(data.Length - data.Count((byte)0));
        var zero = (ulong)data.Length - nonZero;
        gas += (zero * CallDataZeroByte) + (nonZero * CallDataNonZeroByte);
        foreach (var entry in accessList)
        {
            gas += AccessListAddress + ((ulong)entry.StorageKeys.Count * AccessListStorageKey);
        }

        return gas;
    }
}
