using System.Globalization;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Reminders;

/// <summary>Several silos in one process with the clustered reminder service, a manual clock and hand-made views.</summary>
public sealed class ClusteredReminderServiceTests
{
    private static readonly TimeSpan Due = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(60);

    private static string Key(int i) => "k" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task RegisterMany(ReminderTestCluster.Member via, int count)
    {
        var registry = via.Silo.Services.GetRequiredService<IReminderRegistry>();
        for (int i = 0; i < count; i++)
        {
            await registry.RegisterOrUpdateReminder(ReminderTestCluster.GrainOf(Key(i)), "beat", Due, Period);
        }
    }

    /// <summary>Every reminder is held by exactly one of <paramref name="members"/>: the ring owner.</summary>
    private static bool HeldOnceByOwners(IReadOnlyList<ReminderTestCluster.Member> members, int count)
    {
        var ring = new ConsistentRing(ActiveSiloList.FromSilos(members.Select(m => m.Address)));
        var held = members.SelectMany(m => m.Local.Select(r => (r.GrainId, Holder: m.Address))).ToList();
        return held.Count == count
            && held.Select(h => h.GrainId).Distinct().Count() == count
            && held.All(h => ring.GetOwner(h.GrainId) == h.Holder);
    }

    private static void AssertEachDueTimeOnceAtItsOwner(IEnumerable<ReminderTestCluster.Tick> ticks, DateTime due, int count, IReadOnlyList<ReminderTestCluster.Member> owners)
    {
        var ring = new ConsistentRing(ActiveSiloList.FromSilos(owners.Select(m => m.Address)));
        var atDue = ticks.Where(t => t.Due == due).ToList();
        Assert.Equal(count, atDue.Count);
        Assert.Equal(count, atDue.Select(t => t.Key).Distinct().Count());
        Assert.All(atDue, t => Assert.Equal(ring.GetOwner(ReminderTestCluster.GrainOf(t.Key))!.Endpoint.Port, t.Port));
    }

    [Fact]
    public async Task Reminders_SpreadOverTheSilos_AndATickRunsOnlyOnItsOwner()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22001);
        var b = await cluster.StartSilo(22002);
        var c = await cluster.StartSilo(22003);
        cluster.PublishActive(a, b, c);
        var start = cluster.Time.GetUtcNow().UtcDateTime;

        await RegisterMany(a, 60);
        await cluster.RefreshAll(a, b, c);
        Assert.True(HeldOnceByOwners([a, b, c], 60));
        Assert.All(new[] { a, b, c }, m => Assert.InRange(m.Local.Count, 5, 40));

        cluster.Time.Advance(Due);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 60));
        await Task.Delay(50);
        AssertEachDueTimeOnceAtItsOwner(cluster.Ticks(), start + Due, 60, [a, b, c]);
        Assert.Equal(60, cluster.Ticks().Count);
    }

    [Fact]
    public async Task ASiloDeclaredDead_ItsRemindersTickOnTheSurvivors_WithoutARepeat()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22011);
        var b = await cluster.StartSilo(22012);
        var c = await cluster.StartSilo(22013);
        cluster.PublishActive(a, b, c);
        var start = cluster.Time.GetUtcNow().UtcDateTime;
        await RegisterMany(b, 60);
        await cluster.RefreshAll(a, b, c);
        int heldByC = c.Local.Count;
        Assert.True(heldByC > 0);

        cluster.Time.Advance(Due);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 60));

        // C crashes; the survivors' next membership read says Dead. The ring change alone makes them re-read: no
        // refresh period has to pass.
        await c.Stop();
        cluster.Publish([a, b], (a, SiloStatus.Active), (b, SiloStatus.Active), (c, SiloStatus.Dead));
        Assert.True(await Eventually.TrueAsync(() => HeldOnceByOwners([a, b], 60)));

        // The tick C already delivered (due at +30 s) is not repeated by the new owners; the next one runs there.
        cluster.Time.Advance(Period);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 120));
        await Task.Delay(50);
        var ticks = cluster.Ticks();
        Assert.Equal(120, ticks.Count);
        AssertEachDueTimeOnceAtItsOwner(ticks, start + Due + Period, 60, [a, b]);
        Assert.DoesNotContain(ticks, t => t.Port == c.Port && t.Due > start + Due);
    }

    [Fact]
    public async Task ANewSilo_TakesItsShare_AndTheOldOwnersHandItOver()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22021);
        var b = await cluster.StartSilo(22022);
        cluster.PublishActive(a, b);
        var start = cluster.Time.GetUtcNow().UtcDateTime;
        await RegisterMany(a, 60);
        await cluster.RefreshAll(a, b);
        Assert.True(HeldOnceByOwners([a, b], 60));

        var c = await cluster.StartSilo(22023);
        Assert.Empty(c.Local); // not Active in any view yet: owns nothing
        cluster.PublishActive(a, b, c);
        Assert.True(await Eventually.TrueAsync(() => HeldOnceByOwners([a, b, c], 60)));
        Assert.NotEmpty(c.Local);

        cluster.Time.Advance(Due);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 60));
        await Task.Delay(50);
        AssertEachDueTimeOnceAtItsOwner(cluster.Ticks(), start + Due, 60, [a, b, c]);
    }

    [Fact]
    public async Task SilosThatBothBelieveTheyOwnAReminder_DeliverEachDueTimeOnce()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22031);
        var b = await cluster.StartSilo(22032);
        // A split view, as during a ring change: each silo sees only itself, so both own the whole ring.
        cluster.Publish([a], (a, SiloStatus.Active));
        cluster.Publish([b], (b, SiloStatus.Active));
        var start = cluster.Time.GetUtcNow().UtcDateTime;
        await RegisterMany(a, 20);
        await cluster.RefreshAll(a, b);
        Assert.Equal(20, a.Local.Count);
        Assert.Equal(20, b.Local.Count);

        for (int k = 0; k < 3; k++)
        {
            cluster.Time.Advance(k == 0 ? Due : Period);
            Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 20 * (k + 1)));
        }

        await Task.Delay(100);
        cluster.Time.Advance(TimeSpan.Zero);
        var ticks = cluster.Ticks();
        Assert.Equal(60, ticks.Count);
        Assert.Equal(60, ticks.Select(t => (t.Key, t.Due)).Distinct().Count());
        Assert.Equal(new[] { start + Due, start + Due + Period, start + Due + (2 * Period) }, ticks.Select(t => t.Due).Distinct().Order());
    }

    [Fact]
    public async Task AReminderRegisteredThroughAnotherSilo_IsArmedByItsOwner_AndItsMissedFirstTickRunsOnce()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22041);
        var b = await cluster.StartSilo(22042);
        cluster.PublishActive(a, b);
        await cluster.RefreshAll(a, b); // the ring change's re-read is done: B has read its (empty) range
        var start = cluster.Time.GetUtcNow().UtcDateTime;
        var ring = new ConsistentRing(ActiveSiloList.FromSilos([a.Address, b.Address]));
        string key = Enumerable.Range(0, 100).Select(Key).First(k => ring.GetOwner(ReminderTestCluster.GrainOf(k)) == b.Address);

        // Registered on A (where the grain happens to be), owned by B, which has not re-read its range yet.
        await a.Silo.GrainFactory.GetGrain<IRingReminderGrain>(key).Register("late", TimeSpan.FromSeconds(10), Period);
        Assert.Empty(a.Local);
        Assert.Empty(b.Local);
        cluster.Time.Advance(TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        Assert.Empty(cluster.Ticks());

        // B's periodic re-read (every minute) finds it; the first due time passed unclaimed, so it runs now, once.
        cluster.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 1), cluster.Warnings.ToString());
        await Task.Delay(50);
        cluster.Time.Advance(TimeSpan.Zero);
        var tick = Assert.Single(cluster.Ticks());
        Assert.Equal((key, "late", start + TimeSpan.FromSeconds(10), b.Port), (tick.Key, tick.Name, tick.Due, tick.Port));

        cluster.Time.Advance(TimeSpan.FromSeconds(10)); // due at +70 s
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= 2));
        Assert.Equal(start + TimeSpan.FromSeconds(70), cluster.Ticks()[1].Due);
    }

    [Fact]
    public async Task AReminderRemovedThroughAnotherSilo_StopsTickingOnItsOwner()
    {
        await using var cluster = new ReminderTestCluster();
        var a = await cluster.StartSilo(22051);
        var b = await cluster.StartSilo(22052);
        cluster.PublishActive(a, b);
        await RegisterMany(a, 20);
        await cluster.RefreshAll(a, b);
        var registryA = a.Silo.Services.GetRequiredService<IReminderRegistry>();
        foreach (var reminder in b.Local.ToList())
        {
            var handle = await registryA.GetReminder(reminder.GrainId, reminder.ReminderName);
            await registryA.UnregisterReminder(reminder.GrainId, handle!);
        }

        int remaining = a.Local.Count;
        Assert.NotEmpty(b.Local); // B has not re-read yet: its timers still exist, but the claim will fail
        cluster.Time.Advance(Due);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count >= remaining && b.Local.Count == 0));
        await Task.Delay(50);
        Assert.Equal(remaining, cluster.Ticks().Count);
        Assert.All(cluster.Ticks(), t => Assert.Equal(a.Port, t.Port));
    }

    [Fact]
    public async Task UnderRandomDisagreeingViews_NoDueTimeIsDeliveredTwice_AndAConsistentViewTicksEveryReminder()
    {
        await using var cluster = new ReminderTestCluster();
        var silos = new[] { await cluster.StartSilo(22061), await cluster.StartSilo(22062), await cluster.StartSilo(22063) };
        cluster.PublishActive(silos);
        await cluster.RefreshAll(silos);
        var start = cluster.Time.GetUtcNow().UtcDateTime;
        await RegisterMany(silos[0], 30);
        var random = new Random(20261121);

        cluster.Time.Advance(Due);
        for (int step = 0; step < 6; step++)
        {
            // Each silo gets its own random view (a random non-empty subset Active): ownership overlaps and gaps.
            foreach (var silo in silos)
            {
                var active = silos.Where(_ => random.Next(2) == 0).DefaultIfEmpty(silo).ToArray();
                cluster.Publish([silo], active.Select(m => (m, SiloStatus.Active)).ToArray());
            }

            await cluster.RefreshAll(silos);
            cluster.Time.Advance(Period);
            await cluster.PumpUntil(() => false, TimeSpan.FromMilliseconds(200));
        }

        cluster.PublishActive(silos);
        await cluster.RefreshAll(silos);
        var last = start + Due + (7 * Period);
        cluster.Time.Advance(Period);
        Assert.True(await cluster.PumpUntil(() => cluster.Ticks().Count(t => t.Due == last) >= 30), cluster.Warnings.ToString());
        await Task.Delay(50);

        var ticks = cluster.Ticks();
        Assert.Equal(ticks.Count, ticks.Select(t => (t.Key, t.Due)).Distinct().Count());
        AssertEachDueTimeOnceAtItsOwner(ticks, last, 30, silos);
    }

    [Fact]
    public async Task AnInvalidRefreshPeriod_FailsTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(
            s => s.AddMemoryGrainStorage().UseClusteredReminderService(configureCluster: o => o.RefreshReminderListPeriod = TimeSpan.Zero),
            services => services.AddSingleton<IClusterMembershipService>(new Ring.TestMembershipService())));
        Assert.Contains(nameof(ClusteredReminderOptions.RefreshReminderListPeriod), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusteredReminders_WithoutClustering_FailTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(s => s
            .AddMemoryGrainStorage()
            .UseClusteredReminderService()));
        Assert.Contains("cluster membership", error.ToString(), StringComparison.Ordinal);
    }
}
