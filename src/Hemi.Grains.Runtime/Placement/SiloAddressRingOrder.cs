namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// The order every silo agrees on for a set of silos: by <see cref="SiloAddress.GetConsistentHashCode"/>, ties broken
/// by the address text. Hash-based placement indexes into a list sorted this way, so it must not depend on the order
/// the caller happened to build its list in.
/// </summary>
public sealed class SiloAddressRingOrder : IComparer<SiloAddress>
{
    private SiloAddressRingOrder()
    {
    }

    /// <summary>The one instance.</summary>
    public static SiloAddressRingOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(SiloAddress? x, SiloAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int c = x.GetConsistentHashCode().CompareTo(y.GetConsistentHashCode());
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Endpoint.ToString(), y.Endpoint.ToString());
        return c != 0 ? c : x.Generation.CompareTo(y.Generation);
    }

    /// <summary>True when <paramref name="silos"/> is strictly increasing in this order (sorted, no duplicates).</summary>
    public bool IsStrictlySorted(IReadOnlyList<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        for (int i = 1; i < silos.Count; i++)
        {
            if (Compare(silos[i - 1], silos[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
