using Hemi.Ethereum.Receipts;

namespace Hemi.Ethereum.Serialization;

/// <summary>JSON form of a <see cref="Bloom"/>: <c>0x</c> and its 256 bytes in lowercase hex.</summary>
public sealed class BloomJsonConverter : HexEncodedJsonConverter<Bloom>
{
    /// <inheritdoc/>
    protected override int MaxTextLength => 2 + (2 * Bloom.Length);

    /// <inheritdoc/>
    protected override ReadOnlySpan<byte> GetBytes(Bloom value) => value.AsSpan();

    /// <inheritdoc/>
    protected override Bloom Decode(ReadOnlySpan<byte> bytes) => new(bytes);
}
