namespace Hemi.Ethereum.Receipts;

/// <summary>An EVM log entry: the emitting contract, up to four indexed topics and unindexed data.</summary>
public sealed record Log(Address Address, IReadOnlyList<Hash32> Topics, byte[] Data)
{
    public IReadOnlyList<Hash32> Topics { get; init; } = Topics ?? throw new ArgumentNullException(nameof(Topics));

    public byte[] Data { get; init; } = Data ?? throw new ArgumentNullException(nameof(Data));

    public bool Equals(Log? other) =>
        other is not null && Address == other.Address && Topics.SequenceEqual(other.Topics) && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Address, Topics.Count, Data.Length);
}
