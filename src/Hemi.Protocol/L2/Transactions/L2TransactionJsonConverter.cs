using Hemi.Ethereum.Serialization;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>JSON form of an <see cref="L2Transaction"/> of any kind (user or system): its consensus encoding in hex.</summary>
public sealed class L2TransactionJsonConverter : HexEncodedJsonConverter<L2Transaction>
{
    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(L2Transaction value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value is UserTransaction user ? user.Encoding : value.Encode();
    }

    /// <inheritdoc/>
    protected override L2Transaction Decode(ReadOnlySpan<byte> bytes) => L2Transaction.Decode(bytes);
}
