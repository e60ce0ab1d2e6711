namespace Hemi.Ethereum.Serialization;

/// <summary>JSON form of an <see cref="Address"/>: <c>0x</c> and 40 lowercase hex digits (no checksum to compute on write).</summary>
public sealed class AddressJsonConverter : HexEncodedJsonConverter<Address>
{
    /// <inheritdoc/>
    protected override int MaxTextLength => 2 + (2 * Address.Length);

    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(Address value) => value.AsSpan();

    /// <inheritdoc/>
    protected override Address Decode(ReadOnlySpan<byte> bytes) => new(bytes);
}
