namespace Hemi.Ethereum.Transactions;

/// <summary>One EIP-2930 access-list entry: an account and the storage slots the transaction pre-declares.</summary>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash32> StorageKeys)
{
    public IReadOnlyList<Hash32> StorageKeys { get; init; } = StorageKeys ?? throw new ArgumentNullException(nameof(StorageKeys));

    public bool Equals(AccessListEntry? other) =>
        other is not null && Address == other.Address && StorageKeys.SequenceEqual(other.StorageKeys);

    public override int GetHashCode() => HashCode.Combine(Address, StorageKeys.Count);
}
