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
