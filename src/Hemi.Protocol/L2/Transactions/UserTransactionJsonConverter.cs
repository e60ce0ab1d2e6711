using Hemi.Ethereum.Serialization;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>
/// JSON form of a <see cref="UserTransaction"/>: its consensus encoding in hex, read back with the mempool decoder
/// (a system transaction is refused, and the decoded transaction keeps the bytes it came in as).
/// </summary>
public sealed class UserTransactionJsonConverter : HexEncodedJsonConverter<UserTransaction>
{
    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(UserTransaction value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Encoding;
    }

    /// <inheritdoc/>
    protected override UserTransaction Decode(ReadOnlySpan<byte> bytes) => L2Transaction.DecodeFromMempool(bytes);
}
