namespace Hemi.Ethereum.Rlp;

/// <summary>An RLP list. Equality compares the items element by element.</summary>
public sealed record RlpList(IReadOnlyList<RlpItem> Items) : RlpItem
{
    public IReadOnlyList<RlpItem> Items { get; init; } = Items ?? throw new ArgumentNullException(nameof(Items));

    public RlpList(params RlpItem[] items)
        : this((IReadOnlyList<RlpItem>)items)
    {
    }

    public bool Equals(RlpList? other)
    {
        if (other is null || other.Items.Count != Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Equals(Items[i], other.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Items.Count);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
