using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;

namespace Hemi.Protocol.Pop;

/// <summary>
/// The call data of a PoP payout transaction (type 0x7D): <c>mintPoPRewards(uint64,address[],uint256[])</c>,
/// the rewarded keystone's L2 block and one amount per miner address.
/// </summary>
public sealed record PopPayoutCall
{
    /// <summary><c>mintPoPRewards(uint64,address[],uint256[])</c>, selector 0x1725877d.</summary>
    public static AbiFunction Function { get; } = AbiFunction.Parse("mintPoPRewards(uint64,address[],uint256[])");

    public PopPayoutCall(ulong blockRewarded, IReadOnlyList<Address> miners, IReadOnlyList<BigInteger> amounts)
    {
        ArgumentNullException.ThrowIfNull(miners);
        ArgumentNullException.ThrowIfNull(amounts);
        if (miners.Count != amounts.Count)
        {
            throw new ArgumentException($"{miners.Count} miners but {amounts.Count} amounts.", nameof(amounts));
        }

        if (amounts.Any(a => a.Sign < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(amounts), "Reward amounts cannot be negative.");
        }

        BlockRewarded = blockRewarded;
        Miners = miners;
        Amounts = amounts;
    }

    /// <summary>The L2 block number of the rewarded keystone.</summary>
    public ulong BlockRewarded { get; }

    public IReadOnlyList<Address> Miners { get; }

    public IReadOnlyList<BigInteger> Amounts { get; }

    public byte[] Encode() => Function.EncodeCall(
        BlockRewarded,
        Miners.Cast<object?>().ToArray(),
        Amounts.Cast<object?>().ToArray());

    /// <exception cref="AbiException">Malformed ABI data.</exception>
    public static PopPayoutCall Decode(ReadOnlySpan<byte> callData)
    {
        var values = Function.DecodeCall(callData);
        var miners = ((IEnumerable<object?>)values[1]!).Select(a => (Address)a!).ToArray();
        var amounts = ((IEnumerable<object?>)values[2]!).Select(a => (BigInteger)a!).ToArray();
        return new PopPayoutCall((ulong)(BigInteger)values[0]!, miners, amounts);
    }
}
