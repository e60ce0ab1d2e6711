using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Ring;

namespace Hemi.Grains.Runtime.Tests.Ring;

public sealed class ConsistentRingProviderTests
{
    private static readonly SiloAddress A = TestMembershipService.Silo(30101);
    private static readonly SiloAddress B = TestMembershipService.Silo(30102);
    private static readonly SiloAddress C = TestMembershipService.Silo(30103);

    [Fact]
    public void TheRing_FollowsTheActiveSilos_AndNotifiesOnlyWhenTheyChange()
    {
        var membership = new TestMembershipService();
        membership.Publish(TestMembershipService.Snapshot(1, A, B));
        using var provider = new ConsistentRingProvider(membership, A);
        Assert.Equal(2, provider.Ring.Silos.Count);
        var rings = new List<ConsistentRing>();
        using var subscription = provider.Subscribe(rings.Add);

        // A newer view with the same active silos (e.g. a vote was written): ownership is unchanged.
        membership.Publish(TestMembershipService.Snapshot(2, A, B));
        Assert.Empty(rings);

        // C joins: Joining silos own nothing, Active ones do.
        membership.Publish(TestMembershipService.Snapshot(3, [(A, SiloStatus.Active), (B, SiloStatus.Active), (C, SiloStatus.Joining)]));
        Assert.Empty(rings);
        membership.Publish(TestMembershipService.Snapshot(4, A, B, C));
        var ring = Assert.Single(rings);
        Assert.Equal(new[] { A, B, C }, ring.Silos.OrderBy(s => s.Endpoint.Port));
        Assert.Same(ring, provider.Ring);

        // B dies.
        membership.Publish(TestMembershipService.Snapshot(5, [(A, SiloStatus.Active), (B, SiloStatus.Dead), (C, SiloStatus.Active)]));
        Assert.Equal(2, rings.Count);
        Assert.DoesNotContain(B, provider.Ring.Silos);
        Assert.Empty(provider.Ring.GetRanges(B));
    }

    [Fact]
    public void ASupersededGeneration_LeavesTheRing()
    {
        var membership = new TestMembershipService();
        var restarted = TestMembershipService.Silo(30102, generation: 2);
        membership.Publish(TestMembershipService.Snapshot(1, A, B));
        using var provider = new ConsistentRingProvider(membership, A);
        membership.Publish(TestMembershipService.Snapshot(2, [(A, SiloStatus.Active), (B, SiloStatus.Active), (restarted, SiloStatus.Joining)]));
        Assert.Equal(new[] { A }, provider.Ring.Silos);
        Assert.Equal(new[] { RingRange.Full }, provider.LocalRanges);
    }

    [Fact]
    public void ASiloThatIsNotActive_OwnsNothing_UntilItIs()
    {
        var membership = new TestMembershipService();
        membership.Publish(TestMembershipService.Snapshot(1, [(A, SiloStatus.Joining), (B, SiloStatus.Active)]));
        using var provider = new ConsistentRingProvider(membership, A);
        Assert.Empty(provider.LocalRanges);
        Assert.False(provider.IsLocallyOwned(42));

        membership.Publish(TestMembershipService.Snapshot(2, A, B));
        Assert.NotEmpty(provider.LocalRanges);
        Assert.True(provider.Ring.GetOwner(42) == A ? provider.IsLocallyOwned(42) : !provider.IsLocallyOwned(42));
    }

    [Fact]
    public void Disposing_StopsFollowingMembership()
    {
        var membership = new TestMembershipService();
        membership.Publish(TestMembershipService.Snapshot(1, A));
        var provider = new ConsistentRingProvider(membership, A);
        int changes = 0;
        provider.Subscribe(_ => changes++);
        provider.Dispose();
        membership.Publish(TestMembershipService.Snapshot(2, A, B));
        Assert.Equal(0, changes);
        Assert.Equal(new[] { A }, provider.Ring.Silos);
    }
}
