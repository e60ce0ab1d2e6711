namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// An immutable membership view (Orleans: <c>ClusterMembershipSnapshot</c>): the members and the table version
/// that produced them. Consumers act only on views newer than those they have seen (invariant I4).
/// </summary>
public sealed class ClusterMembershipSnapshot
{
    private readonly Dictionary<System.Net.IPEndPoint, int> _newestGeneration = [];

    /// <summary>Creates a view.</summary>
    public ClusterMembershipSnapshot(IReadOnlyDictionary<SiloAddress, ClusterMember> members, MembershipVersion version)
    {
        ArgumentNullException.ThrowIfNull(members);
        Members = members;
        Version = version;
        // The newest generation per endpoint, so supersession checks are one lookup instead of a scan.
        foreach (var silo in members.Keys)
        {
            if (!_newestGeneration.TryGetValue(silo.Endpoint, out int newest) || silo.Generation > newest)
            {
                _newestGeneration[silo.Endpoint] = silo.Generation;
            }
        }
    }

    /// <summary>The view before any table read: no members, version <see cref="MembershipVersion.MinValue"/>.</summary>
    public static ClusterMembershipSnapshot Empty { get; } = new(new Dictionary<SiloAddress, ClusterMember>(), MembershipVersion.MinValue);

    /// <summary>The members by address.</summary>
    public IReadOnlyDictionary<SiloAddress, ClusterMember> Members { get; }

    /// <summary>The table version of this view.</summary>
    public MembershipVersion Version { get; }

    /// <summary>Builds the view of a table read.</summary>
    public static ClusterMembershipSnapshot FromTable(MembershipTableData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var members = new Dictionary<SiloAddress, ClusterMember>(table.Members.Count);
        foreach (var row in table.Members)
        {
            var e = row.Entry;
            members[e.SiloAddress] = new ClusterMember(e.SiloAddress, e.Status, e.SiloName, e.ProxyPort);
        }

        return new ClusterMembershipSnapshot(members, new MembershipVersion(table.Version.Version));
    }

    /// <summary>
    /// The status of <paramref name="silo"/> in this view. A silo superseded by a newer generation at its endpoint
    /// is <see cref="SiloStatus.Dead"/> whatever its row says; a silo absent from the view is <see cref="SiloStatus.None"/>.
    /// </summary>
    public SiloStatus GetSiloStatus(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (_newestGeneration.TryGetValue(silo.Endpoint, out int newest) && newest > silo.Generation)
        {
            return SiloStatus.Dead;
        }

        return Members.TryGetValue(silo, out var member) ? member.Status : SiloStatus.None;
    }

    /// <summary>
    /// True when this view proves <paramref name="silo"/> dead: Dead here, superseded by a newer generation, or
    /// absent although the view is newer than <paramref name="seenAtVersion"/> (the version at which the caller
    /// recorded the silo as alive; absent rows can only have been pruned as dead). Unknown is never dead, and
    /// absence proves nothing when <paramref name="seenAtVersion"/> is <see cref="MembershipVersion.MinValue"/>.
    /// </summary>
    public bool IsKnownDead(SiloAddress silo, MembershipVersion seenAtVersion)
    {
        var status = GetSiloStatus(silo);
        return status == SiloStatus.Dead ||
               (status == SiloStatus.None && seenAtVersion != MembershipVersion.MinValue && Version > seenAtVersion);
    }

    /// <summary>Active silos, sorted by address hash (a stable order every silo agrees on).</summary>
    public IReadOnlyList<SiloAddress> GetActiveSilos()
    {
        var active = new List<SiloAddress>();
        foreach (var (silo, member) in Members)
        {
            if (member.Status == SiloStatus.Active && GetSiloStatus(silo) == SiloStatus.Active)
            {
                active.Add(silo);
            }
        }

        active.Sort(static (a, b) =>
        {
            int c = a.GetConsistentHashCode().CompareTo(b.GetConsistentHashCode());
            return c != 0 ? c : string.CompareOrdinal(a.ToString(), b.ToString());
        });
        return active;
    }

    /// <summary>Active silos that run a client gateway (<see cref="ClusterMember.ProxyPort"/> &gt; 0).</summary>
    public IReadOnlyList<ClusterMember> GetActiveGateways()
    {
        var gateways = new List<ClusterMember>();
        foreach (var silo in GetActiveSilos())
        {
            var member = Members[silo];
            if (member.ProxyPort > 0)
            {
                gateways.Add(member);
            }
        }

        return gateways;
    }

    /// <inheritdoc/>
    public override string ToString() => $"v{Version}: " + string.Join(", ", Members.Values.Select(m => $"{m.SiloAddress}={m.Status}"));
}
