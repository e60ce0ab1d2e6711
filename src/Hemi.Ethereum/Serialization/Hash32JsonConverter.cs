namespace Hemi.Ethereum.Serialization;

/// <summary>JSON form of a <see cref="Hash32"/>: <c>0x</c> and 64 lowercase hex digits.</summary>
public sealed class Hash32JsonConverter : HexEncodedJsonConverter<Hash32>
{
    /// <inheritdoc/>
    protected override int MaxTextLength => 2 + (2 * Hash32.Length);

    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(Hash32 value) => value.AsSpan();

    /// <inheritdoc/>
    protected override Hash32 Decode(ReadOnlySpan<byte> bytes) => new(bytes);
}
