using System.Collections;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// The silos that may receive new activations in one membership view: those whose status is
/// <see cref="SiloStatus.Active"/> and that no newer generation at the same endpoint supersedes, sorted by
/// <see cref="SiloAddressRingOrder"/>. Joining, shutting-down, stopping and dead silos are never in it.
/// </summary>
public sealed class ActiveSiloList : IReadOnlyList<SiloAddress>
{
    private readonly SiloAddress[] _silos;
    private readonly HashSet<SiloAddress> _set;

    private ActiveSiloList(SiloAddress[] sortedSilos, MembershipVersion version)
    {
        _silos = sortedSilos;
        _set = [.. sortedSilos];
        Version = version;
    }

    /// <summary>No silo: the view before any membership read.</summary>
    public static ActiveSiloList Empty { get; } = new([], MembershipVersion.MinValue);

    /// <summary>The membership version the list was built from.</summary>
    public MembershipVersion Version { get; }

    /// <inheritdoc/>
    public int Count => _silos.Length;

    /// <inheritdoc/>
    public SiloAddress this[int index] => _silos[index];

    /// <summary>Builds the list of the active silos of <paramref name="snapshot"/>.</summary>
    public static ActiveSiloList FromSnapshot(ClusterMembershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var active = new List<SiloAddress>(snapshot.Members.Count);
        foreach (var (silo, member) in snapshot.Members)
        {
            // GetSiloStatus also applies generation supersession, which the raw row status does not.
            if (member.Status == SiloStatus.Active && snapshot.GetSiloStatus(silo) == SiloStatus.Active)
            {
                active.Add(silo);
            }
        }

        var sorted = active.ToArray();
        Array.Sort(sorted, SiloAddressRingOrder.Instance);
        return new ActiveSiloList(sorted, snapshot.Version);
    }

    /// <summary>A list of exactly <paramref name="silos"/> (deduplicated and sorted), for one silo or for tests.</summary>
    public static ActiveSiloList FromSilos(IEnumerable<SiloAddress> silos, MembershipVersion version = default)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var sorted = silos.Distinct().ToArray();
        Array.Sort(sorted, SiloAddressRingOrder.Instance);
        return new ActiveSiloList(sorted, version);
    }

    /// <summary>True when <paramref name="silo"/> is active in this view.</summary>
    public bool Contains(SiloAddress silo) => silo is not null && _set.Contains(silo);

    /// <summary>True when both lists hold the same silos (whatever their versions).</summary>
    public bool SameSilos(ActiveSiloList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _silos.AsSpan().SequenceEqual(other._silos);
    }

    /// <inheritdoc/>
    public IEnumerator<SiloAddress> GetEnumerator() => ((IEnumerable<SiloAddress>)_silos).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _silos.GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"v{Version}: [{string.Join(", ", _silos.Select(s => s.ToString()))}]";
}
