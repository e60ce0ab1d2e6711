namespace Hemi.Ethereum.Rlp;

/// <summary>An RLP byte string. Equality compares the bytes, not the array reference.</summary>
public sealed record RlpString(byte[] Bytes) : RlpItem
{
    public byte[] Bytes { get; init; } = Bytes ?? throw new ArgumentNullException(nameof(Bytes));

    public bool Equals(RlpString? other) =>
        other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => "0x" + Convert.ToHexStringLower(Bytes);
}
