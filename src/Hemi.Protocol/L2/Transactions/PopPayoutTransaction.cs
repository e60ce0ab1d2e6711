using Hemi.Protocol.Chain;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>
/// The PoP payout transaction (type 0x7D): <c>mintPoPRewards(block, miners, amounts)</c> sent by the system to the
/// governance token predeploy in keystone blocks.
/// </summary>
public sealed record PopPayoutTransaction : SystemTransaction
{
    public override byte TypeByte => L2TransactionType.PopPayout;

    /// <summary>The transaction the sequencer builds for <paramref name="call"/>.</summary>
    public static PopPayoutTransaction Create(PopPayoutCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new PopPayoutTransaction { To = SystemAddresses.GovernanceToken, Gas = DefaultGas, Data = call.Encode() };
    }

    /// <summary>The transaction for a PoPPayoutsV2 call (<c>mintPoPRewards(uint64,address[],uint32[])</c>, amounts in micro-HEMI).</summary>
    public static PopPayoutTransaction Create(PopPayoutV2Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new PopPayoutTransaction { To = SystemAddresses.GovernanceToken, Gas = DefaultGas, Data = call.Encode() };
    }

    /// <summary>
    /// The rewards to mint in the token's base units, whichever of the two <c>mintPoPRewards</c> forms the data holds
    /// (uint256 amounts as-is, uint32 amounts × <see cref="PopPayoutV2Call.AmountUnit"/>).
    /// </summary>
    /// <exception cref="Hemi.Ethereum.Abi.AbiException">Neither form, or malformed ABI data.</exception>
    public PopPayoutCall DecodeRewards() =>
        PopPayoutV2Call.Function.Matches(Data.Span) ? PopPayoutV2Call.Decode(Data.Span).ToBaseUnits() : DecodeCall();

    /// <summary>Decodes the call data; throws the ABI decoder's exception when it is not <c>mintPoPRewards</c>.</summary>
    public PopPayoutCall DecodeCall() => PopPayoutCall.Decode(Data.Span);

    internal static PopPayoutTransaction DecodePayload(ReadOnlySpan<byte> payload)
    {
        var (to, gas, data) = ReadPayload(payload, "A PoP payout transaction");
        return new PopPayoutTransaction { To = to, Gas = gas, Data = data };
    }

    public bool Equals(PopPayoutTransaction? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}
