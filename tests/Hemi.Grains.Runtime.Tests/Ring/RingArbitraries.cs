using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Tests.Ring;

/// <summary>FsCheck generators for silo sets and membership views.</summary>
public static class RingArbitraries
{
    /// <summary>A silo on one of a few hosts and ports, with a small generation (so endpoints repeat and supersede).</summary>
    public static Gen<SiloAddress> Silo { get; } =
        from host in Gen.Choose(1, 4)
        from port in Gen.Choose(20000, 20005)
        from generation in Gen.Choose(1, 3)
        select new SiloAddress(new System.Net.IPEndPoint(new System.Net.IPAddress([10, 0, 0, (byte)host]), port), generation);

    /// <summary>1 to 8 distinct silos.</summary>
    public static Gen<SiloAddress[]> DistinctSilos { get; } =
        from count in Gen.Choose(1, 8)
        from silos in Gen.ArrayOf(Silo, count)
        select silos.Distinct().ToArray();

    /// <summary>A view of up to 10 members in any status (including superseded generations), at a positive version.</summary>
    public static Gen<ClusterMembershipSnapshot> Snapshot { get; } =
        from count in Gen.Choose(0, 10)
        from members in Gen.ListOf(
            from silo in Silo
            from status in Gen.Elements(SiloStatus.Created, SiloStatus.Joining, SiloStatus.Active, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Stopping, SiloStatus.Dead)
            select (silo, status), count)
        from version in Gen.Choose(1, 1000)
        select TestMembershipService.Snapshot(version, members.DistinctBy(m => m.silo));

    public static Arbitrary<uint> Hash { get; } = Gen.Choose(int.MinValue, int.MaxValue).Select(i => unchecked((uint)i)).ToArbitrary();
}
