using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Ring;

namespace Hemi.Grains.Runtime.Tests.Ring;

public sealed class ConsistentRingTests
{
    private static readonly Gen<(SiloAddress[] Silos, int Points, uint[] Hashes)> RingScenario =
        from silos in RingArbitraries.DistinctSilos
        from points in Gen.Choose(1, 40)
        from hashes in Gen.ArrayOf(RingArbitraries.Hash.Generator, 64)
        select (silos, points, hashes);

    /// <summary>Hashes on and next to every point, plus the ends of the hash space: where off-by-one errors live.</summary>
    private static IEnumerable<uint> BoundaryHashes(SiloAddress[] silos, int points)
    {
        yield return 0;
        yield return uint.MaxValue;
        foreach (var silo in silos)
        {
            for (int i = 0; i < points; i++)
            {
                uint p = ConsistentRing.PointOf(silo, i);
                yield return p;
                yield return unchecked(p + 1);
                yield return unchecked(p - 1);
            }
        }
    }

    [Fact]
    public void EveryHash_IsOwnedByExactlyOneActiveSilo_TheOneGetOwnerNames()
    {
        Prop.ForAll(RingScenario.ToArbitrary(), s =>
        {
            var ring = new ConsistentRing(ActiveSiloList.FromSilos(s.Silos), s.Points);
            var ranges = s.Silos.ToDictionary(silo => silo, ring.GetRanges);
            foreach (uint hash in s.Hashes.Concat(BoundaryHashes(s.Silos, s.Points)))
            {
                var owners = ranges.Where(kv => RingRange.AnyContains(kv.Value, hash)).Select(kv => kv.Key).ToList();
                var owner = Assert.Single(owners);
                Assert.Equal(owner, ring.GetOwner(hash));
                Assert.True(ring.IsOwnedBy(hash, owner));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void InAnyMembershipView_OnlyActiveSilosOwnHashes_AndEachHashHasOneOwner()
    {
        var scenario =
            from snapshot in RingArbitraries.Snapshot
            from hashes in Gen.ArrayOf(RingArbitraries.Hash.Generator, 32)
            select (snapshot, hashes);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var ring = new ConsistentRing(ActiveSiloList.FromSnapshot(s.snapshot));
            foreach (var member in s.snapshot.Members.Keys)
            {
                bool active = s.snapshot.GetSiloStatus(member) == SiloStatus.Active;
                Assert.Equal(active, ring.GetRanges(member).Count > 0);
            }

            foreach (uint hash in s.hashes)
            {
                var owners = s.snapshot.Members.Keys.Where(m => RingRange.AnyContains(ring.GetRanges(m), hash)).ToList();
                if (ring.Silos.Count == 0)
                {
                    Assert.Empty(owners);
                    Assert.Null(ring.GetOwner(hash));
                    continue;
                }

                Assert.Equal(ring.GetOwner(hash), Assert.Single(owners));
                Assert.Equal(SiloStatus.Active, s.snapshot.GetSiloStatus(owners[0]));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ranges_CoverTheWholeRingExactlyOnce()
    {
        Prop.ForAll(RingScenario.ToArbitrary(), s =>
        {
            var ring = new ConsistentRing(ActiveSiloList.FromSilos(s.Silos), s.Points);
            ulong total = 0;
            foreach (var silo in s.Silos)
            {
                foreach (var range in ring.GetRanges(silo))
                {
                    total += range.Size;
                }
            }

            Assert.Equal(1UL << 32, total);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddingASilo_MovesHashesOnlyToTheNewSilo()
    {
        var scenario =
            from s in RingScenario
            from extra in RingArbitraries.Silo
            where !s.Silos.Contains(extra)
            select (s.Silos, s.Points, s.Hashes, extra);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var before = new ConsistentRing(ActiveSiloList.FromSilos(s.Silos), s.Points);
            var after = new ConsistentRing(ActiveSiloList.FromSilos([.. s.Silos, s.extra]), s.Points);
            foreach (uint hash in s.Hashes)
            {
                var owner = after.GetOwner(hash);
                Assert.True(owner == before.GetOwner(hash) || owner == s.extra, $"{hash:x8} moved from {before.GetOwner(hash)} to {owner}");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheRing_DoesNotDependOnTheOrderSilosAreListedIn()
    {
        Prop.ForAll(RingScenario.ToArbitrary(), s =>
        {
            var a = new ConsistentRing(ActiveSiloList.FromSilos(s.Silos), s.Points);
            var b = new ConsistentRing(ActiveSiloList.FromSilos(s.Silos.Reverse()), s.Points);
            Assert.All(s.Hashes, h => Assert.Equal(a.GetOwner(h), b.GetOwner(h)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OneSilo_OwnsTheFullRing_AndAnEmptyRingOwnsNothing()
    {
        var silo = TestMembershipService.Silo(30001);
        var ring = new ConsistentRing(ActiveSiloList.FromSilos([silo]));
        Assert.Equal(new[] { RingRange.Full }, ring.GetRanges(silo));
        Assert.Equal(silo, ring.GetOwner(12345u));
        Assert.Null(ConsistentRing.Empty.GetOwner(12345u));
        Assert.Empty(ConsistentRing.Empty.GetRanges(silo));
        Assert.Empty(ring.GetRanges(TestMembershipService.Silo(30002)));
    }

    [Fact]
    public void VirtualPoints_SpreadTheRingEvenlyOverThreeSilos()
    {
        var silos = Enumerable.Range(0, 3).Select(i => TestMembershipService.Silo(30010 + i)).ToArray();
        var ring = new ConsistentRing(ActiveSiloList.FromSilos(silos));
        foreach (var silo in silos)
        {
            double share = ring.GetRanges(silo).Sum(r => (double)r.Size) / (1UL << 32);
            // With 30 points per silo the expected share is 1/3 with a standard deviation of about 0.06.
            Assert.InRange(share, 0.18, 0.5);
        }

        var onePoint = new ConsistentRing(ActiveSiloList.FromSilos(silos), pointsPerSilo: 1);
        Assert.Equal(3, silos.Count(s => onePoint.GetRanges(s).Count == 1));
    }

    [Fact]
    public void PointsPerSilo_IsBounded()
    {
        var silos = ActiveSiloList.FromSilos([TestMembershipService.Silo(30001)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistentRing(silos, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistentRing(silos, ConsistentRing.MaxPointsPerSilo + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistentRingOptions { VirtualPointsPerSilo = 0 }.Validate());
    }

    [Theory]
    [InlineData(10u, 20u, 10u, false)]
    [InlineData(10u, 20u, 11u, true)]
    [InlineData(10u, 20u, 20u, true)]
    [InlineData(10u, 20u, 21u, false)]
    [InlineData(20u, 10u, 25u, true)]
    [InlineData(20u, 10u, 0u, true)]
    [InlineData(20u, 10u, 10u, true)]
    [InlineData(20u, 10u, 15u, false)]
    [InlineData(20u, 10u, 20u, false)]
    [InlineData(7u, 7u, 7u, true)]
    [InlineData(uint.MaxValue, 0u, 0u, true)]
    [InlineData(uint.MaxValue, 0u, uint.MaxValue, false)]
    public void RingRange_ContainsItsEndButNotItsBegin_AndWraps(uint begin, uint end, uint hash, bool contains)
    {
        Assert.Equal(contains, new RingRange(begin, end).Contains(hash));
    }

    [Fact]
    public void RingRange_SizeMatchesContains_OnSmallSpans()
    {
        var range = new RingRange(uint.MaxValue - 2, 3);
        Assert.Equal(6UL, range.Size);
        var members = new[] { uint.MaxValue - 2, uint.MaxValue - 1, uint.MaxValue, 0u, 1u, 2u, 3u, 4u }.Where(range.Contains).ToList();
        Assert.Equal(new[] { uint.MaxValue - 1, uint.MaxValue, 0u, 1u, 2u, 3u }, members);
    }
}
