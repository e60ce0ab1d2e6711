using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>
/// The Bitcoin Attributes Deposited transaction (type 0x7C): <c>updateHvmState(tip, headers)</c> sent by the
/// system to the hVM state predeploy, so every block commits to the Bitcoin view it was executed against.
/// </summary>
public sealed record BitcoinAttributesTransaction : SystemTransaction
{
    public override byte TypeByte => L2TransactionType.BitcoinAttributes;

    /// <summary>The transaction the sequencer builds for <paramref name="call"/>.</summary>
    public static BitcoinAttributesTransaction Create(BitcoinAttributesCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new BitcoinAttributesTransaction { To = SystemAddresses.HvmState, Gas = DefaultGas, Data = call.Encode() };
    }

    /// <summary>Decodes the call data; throws the ABI decoder's exception when it is not <c>updateHvmState</c>.</summary>
    public BitcoinAttributesCall DecodeCall() => BitcoinAttributesCall.Decode(Data.Span);

    internal static BitcoinAttributesTransaction DecodePayload(ReadOnlySpan<byte> payload)
    {
        var (to, gas, data) = ReadPayload(payload, "A Bitcoin attributes transaction");
        return new BitcoinAttributesTransaction { To = to, Gas = gas, Data = data };
    }

    public bool Equals(BitcoinAttributesTransaction? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}
