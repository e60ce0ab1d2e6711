using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Tests.Membership;
using Microsoft.Extensions.Options;
using static Hemi.Grains.Runtime.Tests.Membership.MembershipTestCluster;

namespace Hemi.Grains.Runtime.Tests.GrainDirectory;

/// <summary>
/// The cluster directory's use of membership (Orleans' <c>CachedGrainLocator</c> rules): first writer wins, entries
/// are taken over only when their silo is known dead, lookups drop dead entries, the cache follows membership.
/// </summary>
public sealed class ClusterGrainDirectoryTests
{
    private static readonly GrainId Grain = GrainId.Create("counter", "g1");

    private static async Task Join(TestMember member)
    {
        await member.Manager.Start();
        await member.Manager.UpdateStatus(SiloStatus.Joining);
        await member.Manager.UpdateStatus(SiloStatus.Active);
    }

    private static ClusterGrainDirectory DirectoryOf(MembershipTestCluster cluster, TestMember member, IGrainDirectoryStore store, ClusterGrainDirectoryOptions? options = null) =>
        new(store, member.Manager, new TestSiloDetails(member.Silo), Options.Create(options ?? new ClusterGrainDirectoryOptions()), cluster.Time);

    private static GrainAddress On(TestMember member, GrainId? grain = null) => new(grain ?? Grain, member.Silo, ActivationId.NewId());

    private static async Task<(MembershipTestCluster Cluster, TestMember A, TestMember B, TestMember C)> ThreeSilos()
    {
        var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        foreach (var m in new[] { a, b, c })
        {
            await Join(m);
        }

        foreach (var m in new[] { a, b, c })
        {
            await m.Manager.Refresh();
        }

        return (cluster, a, b, c);
    }

    [Fact]
    public async Task Register_FirstWriterWins_OthersGetTheWinner()
    {
        var (cluster, a, b, _) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        var first = On(a);
        Assert.Equal(first, await dirA.Register(first));
        Assert.Equal(first, await dirB.Register(On(b)));
        var stored = Assert.Single(store.Entries);
        Assert.Equal(first, stored.Address);
        Assert.Equal(a.Manager.CurrentSnapshot.Version, stored.MembershipVersion);
    }

    [Fact]
    public async Task Register_WinnerOnDeadSilo_IsTakenOver()
    {
        var (cluster, a, b, c) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        await dirA.Register(On(a));
        Assert.True(await c.Manager.TryKill(a.Silo));
        await b.Manager.Refresh();

        var mine = On(b);
        Assert.Equal(mine, await dirB.Register(mine));
        Assert.Equal(mine, (await store.Lookup(Grain))!.Address);
    }

    [Fact]
    public async Task Register_WinnerOnSuspectedButLiveSilo_IsNotTakenOver()
    {
        var (cluster, a, b, c) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        var first = On(a);
        await dirA.Register(first);
        Assert.True(await c.Manager.TryToSuspectOrKill(a.Silo)); // one vote of two: suspected only
        await b.Manager.Refresh();
        Assert.Equal(first, await dirB.Register(On(b)));
        Assert.Equal(first, (await store.Lookup(Grain))!.Address);
    }

    [Fact]
    public async Task Register_WinnerOnSupersededGeneration_IsTakenOver()
    {
        var (cluster, a, b, _) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        await dirA.Register(On(a));
        var restarted = cluster.Add(Silo(11111, generation: 2));
        await Join(restarted);
        using var dirRestarted = DirectoryOf(cluster, restarted, store);
        var mine = On(restarted);
        Assert.Equal(mine, await dirRestarted.Register(mine));
    }

    [Fact]
    public async Task Register_WinnerPrunedFromANewerView_IsTakenOver()
    {
        var (cluster, a, b, c) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        await dirA.Register(On(a));
        Assert.True(await c.Manager.TryKill(a.Silo));
        cluster.Time.Advance(TimeSpan.FromDays(8));
        await b.Manager.UpdateIAmAlive(); // the dead silo's own heartbeat stopped (a zombie's would keep its row)
        await c.Manager.UpdateIAmAlive();
        await c.Cleanup.CleanupDefunctEntries();
        Assert.Null((await cluster.Table.ReadAll()).Find(a.Silo));
        await b.Manager.Refresh();
        Assert.Equal(SiloStatus.None, b.Manager.CurrentSnapshot.GetSiloStatus(a.Silo));

        using var dirB = DirectoryOf(cluster, b, store);
        var mine = On(b);
        Assert.Equal(mine, await dirB.Register(mine));
    }

    [Fact]
    public async Task Register_EntryWrittenUnderANewerViewByAnUnknownSilo_RefreshesInsteadOfTakingOver()
    {
        var (cluster, a, _, _) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        // d joins after a's last read: a does not know d, and d's entry carries a newer membership version.
        var d = cluster.Add(Silo(11114));
        await Join(d);
        using var dirD = DirectoryOf(cluster, d, store);
        var winner = On(d);
        await dirD.Register(winner);
        Assert.Equal(SiloStatus.None, a.Manager.CurrentSnapshot.GetSiloStatus(d.Silo));

        using var dirA = DirectoryOf(cluster, a, store);
        Assert.Equal(winner, await dirA.Register(On(a)));
        Assert.Equal(SiloStatus.Active, a.Manager.CurrentSnapshot.GetSiloStatus(d.Silo));
        Assert.Equal(winner, (await store.Lookup(Grain))!.Address);
    }

    [Fact]
    public async Task Register_OnADeadLocalSilo_Throws()
    {
        var (cluster, a, b, _) = await ThreeSilos();
        await using var scope = cluster;
        using var dirA = DirectoryOf(cluster, a, new MemoryGrainDirectoryStore());
        Assert.True(await b.Manager.TryKill(a.Silo));
        await a.Manager.Refresh(); // a learns it is dead (and terminates); from then on it registers nothing
        Assert.True(a.Manager.IsTerminated);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => dirA.Register(On(a)));
    }

    [Fact]
    public async Task Register_BeforeTheSiloJoined_Throws()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        await a.Manager.Start();
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => dirA.Register(On(a)));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Lookup_EntryOnDeadSilo_IsDroppedFromTheStore()
    {
        var (cluster, a, b, c) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        var first = On(a);
        await dirA.Register(first);
        Assert.Equal(first, await dirB.Lookup(Grain));
        Assert.True(await c.Manager.TryKill(a.Silo));
        await b.Manager.Refresh();
        Assert.Null(await dirB.Lookup(Grain));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Unregister_OnlyTheSameActivationRemovesTheEntry()
    {
        var (cluster, a, b, _) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        var first = On(a);
        await dirA.Register(first);
        await dirB.Unregister(first with { ActivationId = ActivationId.NewId() });
        Assert.Equal(first, await dirB.Lookup(Grain));
        await dirB.Unregister(first);
        Assert.Null(await store.Lookup(Grain));
        Assert.Null(await dirB.Lookup(Grain)); // b's cached copy went with the unregister
    }

    [Fact]
    public async Task Cache_IsEvictedWhenAViewShowsTheSiloDead()
    {
        var (cluster, a, b, c) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirA = DirectoryOf(cluster, a, store);
        using var dirB = DirectoryOf(cluster, b, store);
        await dirA.Register(On(a));
        await dirA.Register(On(a, GrainId.Create("counter", "g2")));
        await dirB.Register(On(b, GrainId.Create("counter", "g3")));
        await dirB.Lookup(Grain);
        await dirB.Lookup(GrainId.Create("counter", "g2"));
        Assert.Equal(3, dirB.Cache.Count);

        Assert.True(await c.Manager.TryKill(a.Silo));
        Assert.Equal(3, dirB.Cache.Count);
        await b.Manager.Refresh(); // the new view reaches b's directory through the subscription
        Assert.Equal(1, dirB.Cache.Count);
        Assert.True(dirB.Cache.TryGet(GrainId.Create("counter", "g3"), out _));
    }

    [Fact]
    public async Task Cache_EntriesExpireAfterTheMaximumTtl()
    {
        var (cluster, a, b, _) = await ThreeSilos();
        await using var scope = cluster;
        var store = new MemoryGrainDirectoryStore();
        using var dirB = DirectoryOf(cluster, b, store, new ClusterGrainDirectoryOptions { MaximumCacheTTL = TimeSpan.FromSeconds(240) });
        var first = On(a);
        await store.Register(new GrainDirectoryEntry(first, a.Manager.CurrentSnapshot.Version), null);
        Assert.Equal(first, await dirB.Lookup(Grain));

        // The store changes behind the cache's back (e.g. the activation moved): the cache is a hint for at most the TTL.
        var moved = On(a);
        await store.Register(new GrainDirectoryEntry(moved, a.Manager.CurrentSnapshot.Version), new GrainDirectoryEntry(first, default));
        cluster.Time.Advance(TimeSpan.FromSeconds(239));
        Assert.Equal(first, await dirB.Lookup(Grain));
        cluster.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(moved, await dirB.Lookup(Grain));
    }

    [Fact]
    public void LocatorCache_EvictsTheLeastRecentlyUsedBeyondCapacity()
    {
        var time = new TestInfrastructure.ManualTimeProvider();
        var cache = new GrainLocatorCache(2, TimeSpan.FromMinutes(1), time);
        var silo = Silo(1);
        GrainDirectoryEntry Entry(string key) => new(new GrainAddress(GrainId.Create("t", key), silo, ActivationId.NewId()), new MembershipVersion(1));
        cache.Put(Entry("a"));
        cache.Put(Entry("b"));
        Assert.True(cache.TryGet(GrainId.Create("t", "a"), out _)); // a is now most recent
        cache.Put(Entry("c"));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(GrainId.Create("t", "a"), out _));
        Assert.False(cache.TryGet(GrainId.Create("t", "b"), out _));
        Assert.True(cache.TryGet(GrainId.Create("t", "c"), out _));
    }
}
