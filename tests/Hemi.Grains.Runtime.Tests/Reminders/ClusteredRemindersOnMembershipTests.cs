using System.Globalization;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Membership;
using Hemi.Grains.Runtime.Tests.Routing;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Reminders;

/// <summary>
/// The clustered reminder service on the real membership protocol and storage-backed directory (in memory, real
/// clock, Orleans' fast test settings shrunk further): a silo that crashes is voted dead and its reminders move.
/// </summary>
[Collection(RealTimeFailureDetectionCollection.Name)]
public sealed class ClusteredRemindersOnMembershipTests
{
    private readonly InMemoryMembershipTable _table = new("reminder-ring");
    private readonly MemoryGrainDirectoryStore _directory = new();
    private readonly MemoryGrainStorage _storage = new();
    private readonly EventRecorder _recorder = new();
    private readonly RecordingFatalErrorHandler _fatal = new();

    private Task<TestSilo> StartSilo(int port) => TestSilo.StartAsync(
        silo => silo
            .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "m" + port.ToString(CultureInfo.InvariantCulture); })
            .Configure<ClusterMembershipOptions>(o =>
            {
                // No silo networking here: the table prober counts a peer alive while its heartbeat in our last table
                // read is younger than 3 heartbeat periods plus one refresh period (2 s). Two missed probe rounds,
                // a second apart, vote: the crashed silo is out after about 4 s, and a live silo's heartbeat would
                // have to look stale for 3 s in a row. With 250 ms periods and a single miss (1 s) live silos were
                // voted out on busy test machines and terminated themselves.
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromMilliseconds(500);
                o.TableRefreshTimeout = TimeSpan.FromMilliseconds(500);
            })
            .UseInMemoryClustering(_table, _directory)
            .UseClusteredReminderService(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500)),
        services =>
        {
            services.AddKeyedSingleton<IGrainStorage>("Default", _storage);
            services.AddSingleton(_recorder);
            services.AddSingleton<IFatalErrorHandler>(_fatal);
        });

    /// <summary>The table's rows, each silo's ring size and the fatal errors, for a failed assertion's message.</summary>
    private async Task<string> DescribeAsync(IEnumerable<TestSilo> silos)
    {
        var rows = (await _table.ReadAll()).Members.Select(r => $"{r.Entry.SiloName} {r.Entry.SiloAddress} {r.Entry.Status} (votes by {string.Join(", ", r.Entry.SuspectTimes.Select(v => v.Voter))})");
        var rings = silos.Select(s => s.Services.GetRequiredService<ConsistentRingProvider>().Ring.Silos.Count.ToString(CultureInfo.InvariantCulture));
        return $"table [{string.Join("; ", rows)}], ring sizes [{string.Join(", ", rings)}], fatal [{string.Join("; ", _fatal.Reasons)}]";
    }

    private static SiloAddress AddressOf(TestSilo silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private List<ReminderTestCluster.Tick> Ticks() => _recorder.Events.Where(e => e.StartsWith("ring:", StringComparison.Ordinal)).Select(ReminderTestCluster.Tick.Parse).ToList();

    [Fact]
    public async Task ACrashedSilo_IsVotedDead_AndItsRemindersTickOnTheSurvivors_EachDueTimeOnce()
    {
        await using var a = await StartSilo(LoopbackCluster.FreePort());
        await using var b = await StartSilo(LoopbackCluster.FreePort());
        var c = await StartSilo(LoopbackCluster.FreePort());
        var silos = new[] { a, b, c };
        Assert.True(await Eventually.TrueAsync(() => silos.All(s => s.Services.GetRequiredService<ConsistentRingProvider>().Ring.Silos.Count == 3)), "every ring has the three silos: " + await DescribeAsync(silos));

        var registry = a.Services.GetRequiredService<IReminderRegistry>();
        for (int i = 0; i < 24; i++)
        {
            await registry.RegisterOrUpdateReminder(ReminderTestCluster.GrainOf("m" + i.ToString(CultureInfo.InvariantCulture)), "beat", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));
        }

        foreach (var silo in silos)
        {
            await silo.Services.GetRequiredService<IReminderService>().Refresh();
        }

        var cAddress = AddressOf(c);
        var cPort = cAddress.Endpoint.Port;
        var ofC = c.Services.GetRequiredService<IReminderService>().LocalReminders.Select(r => r.GrainId.Key).ToHashSet();
        Assert.NotEmpty(ofC);
        Assert.True(await Eventually.TrueAsync(() => Ticks().Select(t => t.Port).Distinct().Count() == 3), "every silo ticks its share: " + await DescribeAsync(silos));

        // A crash: no status write, no goodbye; the host's services are just torn down.
        await ((IAsyncDisposable)c.Host).DisposeAsync();
        var killedAt = DateTime.UtcNow;

        Assert.True(await Eventually.TrueAsync(
            () => (_table.ReadAll().Result.Find(cAddress)?.Entry.Status ?? SiloStatus.Dead) == SiloStatus.Dead, TimeSpan.FromSeconds(20)), "C is voted dead");
        Assert.True(await Eventually.TrueAsync(
            () => ofC.All(key => Ticks().Any(t => t.Key == key && t.Port != cPort && t.Due > killedAt)), TimeSpan.FromSeconds(20)),
            "C's reminders tick on A or B");

        var ticks = Ticks();
        Assert.Equal(ticks.Count, ticks.Select(t => (t.Key, t.Due)).Distinct().Count());
        Assert.True(_fatal.Reasons.IsEmpty, $"A {AddressOf(a)}, B {AddressOf(b)}, C {cAddress}: " + await DescribeAsync([a, b]));
    }
}
