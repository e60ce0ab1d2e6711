using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Routing;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Tests.Reminders;

/// <summary>
/// Clustered reminders over real cross-silo calls: the silo that owns a reminder on the hash ring is often not the one
/// hosting its grain, so the tick has to travel as a grain call.
/// </summary>
public sealed class ClusteredRemindersAcrossSilosTests
{
    [Fact]
    public async Task AReminderOwnedByAnotherSilo_TicksTheGrainWhereItLives()
    {
        var storage = new MemoryGrainStorage();
        var warnings = new ReminderTestCluster.WarningLog();
        await using var cluster = new LoopbackCluster("reminders-across");
        for (int i = 0; i < 2; i++)
        {
            await cluster.StartSiloAsync(silo =>
            {
                silo.UseClusteredReminderService(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(200));
                silo.Services.AddKeyedSingleton<IGrainStorage>("Default", storage);
                silo.Services.AddLogging(l => l.AddProvider(warnings));
            });
        }

        await cluster.WaitForActiveAsync();
        var (host, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var ownerAddress = LoopbackCluster.AddressOf(owner);
        Assert.True(await Eventually.TrueAsync(() => cluster.Silos.All(s => s.Services.GetRequiredService<ConsistentRingProvider>().Ring.Silos.Count == 2)));

        // A key whose reminder the other silo owns; the grain itself is placed on the calling silo.
        var ring = host.Services.GetRequiredService<ConsistentRingProvider>().Ring;
        var key = Enumerable.Range(0, 1000).Select(i => "p" + i)
            .First(k => Equals(ring.GetOwner(GrainId.Create(PinnedReminderGrain.TypeName, k)), ownerAddress));
        await host.GrainFactory.GetGrain<IPinnedReminderGrain>(key).Register("beat", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
        foreach (var silo in cluster.Silos)
        {
            await silo.Services.GetRequiredService<IReminderService>().Refresh();
        }

        Assert.Contains(owner.Services.GetRequiredService<IReminderService>().LocalReminders, r => r.GrainId.Key == key);
        Assert.DoesNotContain(host.Services.GetRequiredService<IReminderService>().LocalReminders, r => r.GrainId.Key == key);

        int hostPort = LoopbackCluster.AddressOf(host).Endpoint.Port;
        // Each silo has its own recorder (TestSilo registers one per host): a tick shows where it ran.
        List<string> Ticks() => cluster.Silos.SelectMany(s => s.Recorder.Events).Where(e => e.StartsWith("pinned:", StringComparison.Ordinal)).ToList();
        Assert.True(await Eventually.TrueAsync(() => Ticks().Count >= 3, TimeSpan.FromSeconds(15)), "the reminder ticks; warnings: " + warnings);
        var ticks = Ticks();
        Assert.All(ticks, t => Assert.EndsWith("@" + hostPort, t, StringComparison.Ordinal));
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
    }
}
