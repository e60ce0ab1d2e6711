using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;

namespace Hemi.Protocol.Pop;

/// <summary>
/// The post-TGE PoP payout call (PoPPayoutsV2): <c>mintPoPRewards(uint64,address[],uint32[])</c>, selector 0x1966be6c,
/// the rewarded keystone's L2 block and one uint32 amount per miner.
/// </summary>
/// <remarks>
/// Unit choice: a uint32 cannot hold a HEMI amount in its 18-decimal base unit (1 HEMI = 10^18), so each amount is
/// read in <b>micro-HEMI</b>: the token minted is <c>amount × <see cref="AmountUnit"/></c> (10^12 base units), i.e.
/// up to ≈ 4,294 HEMI per miner per payout, enough for the 100-HEMI first-round pool of §7 at 10^-6 HEMI precision.
/// </remarks>
public sealed record PopPayoutV2Call
{
    /// <summary>Base units of the 18-decimal token per unit of a V2 amount (micro-HEMI).</summary>
    public static readonly BigInteger AmountUnit = BigInteger.Pow(10, 12);

    /// <summary><c>mintPoPRewards(uint64,address[],uint32[])</c>, selector 0x1966be6c.</summary>
    public static AbiFunction Function { get; } = AbiFunction.Parse("mintPoPRewards(uint64,address[],uint32[])");

    public PopPayoutV2Call(ulong blockRewarded, IReadOnlyList<Address> miners, IReadOnlyList<uint> amounts)
    {
        ArgumentNullException.ThrowIfNull(miners);
        ArgumentNullException.ThrowIfNull(amounts);
        if (miners.Count != amounts.Count)
        {
            throw new ArgumentException($"{miners.Count} miners but {amounts.Count} amounts.", nameof(amounts));
        }

        BlockRewarded = blockRewarded;
        Miners = miners;
        Amounts = amounts;
    }

    /// <summary>The L2 block number of the rewarded keystone.</summary>
    public ulong BlockRewarded { get; }

    public IReadOnlyList<Address> Miners { get; }

    /// <summary>Amounts in micro-HEMI (see <see cref="AmountUnit"/>).</summary>
    public IReadOnlyList<uint> Amounts { get; }

    public byte[] Encode() => Function.EncodeCall(
        BlockRewarded,
        Miners.Cast<object?>().ToArray(),
        Amounts.Select(a => (object?)new BigInteger(a)).ToArray());

    /// <summary>The same payout with amounts in the token's base units, as the engine mints it.</summary>
    public PopPayoutCall ToBaseUnits() => new(BlockRewarded, Miners, Amounts.Select(a => a * AmountUnit).ToArray());

    /// <exception cref="AbiException">Malformed ABI data or another function.</exception>
    public static PopPayoutV2Call Decode(ReadOnlySpan<byte> callData)
    {
        var values = Function.DecodeCall(callData);
        var miners = ((IEnumerable<object?>)values[1]!).Select(a => (Address)a!).ToArray();
        var amounts = ((IEnumerable<object?>)values[2]!).Select(a => (uint)(BigInteger)a!).ToArray();
        return new PopPayoutV2Call((ulong)(BigInteger)values[0]!, miners, amounts);
    }
}
