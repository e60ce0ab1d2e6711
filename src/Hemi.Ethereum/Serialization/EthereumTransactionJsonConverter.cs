using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Serialization;

/// <summary>
/// JSON form of an <see cref="EthereumTransaction"/> of any kind: its consensus encoding in hex (the legacy RLP list
/// or the typed envelope), so the kind, every fee field and the signature travel together.
/// </summary>
public sealed class EthereumTransactionJsonConverter : HexEncodedJsonConverter<EthereumTransaction>
{
    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(EthereumTransaction value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Encode();
    }

    /// <inheritdoc/>
    protected override EthereumTransaction Decode(ReadOnlySpan<byte> bytes) => EthereumTransaction.Decode(bytes);
}
