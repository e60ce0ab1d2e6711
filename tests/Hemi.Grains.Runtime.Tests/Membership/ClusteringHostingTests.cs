using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>The opt-in hosting extensions: silos in one process sharing an in-memory table and directory.</summary>
[Collection(RealTimeFailureDetectionCollection.Name)]
public sealed class ClusteringHostingTests
{
    private static Task<TestSilo> StartClustered(int port, InMemoryMembershipTable table, MemoryGrainDirectoryStore directory, RecordingFatalErrorHandler fatal) =>
        TestSilo.StartAsync(
            silo => silo
                .AddMemoryGrainStorage()
                .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "s" + port; })
                .UseInMemoryClustering(table, directory),
            services => services.AddSingleton<IFatalErrorHandler>(fatal));

    [Fact]
    public async Task TwoSilos_JoinTheSharedTable_AndTheDirectoryKeepsOneActivation()
    {
        var table = new InMemoryMembershipTable("hosting");
        var directory = new MemoryGrainDirectoryStore();
        var fatal = new RecordingFatalErrorHandler();
        var first = await StartClustered(21001, table, directory, fatal);
        await using var second = await StartClustered(21002, table, directory, fatal);

        var firstSilo = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var secondSilo = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var rows = (await table.ReadAll()).Members.ToDictionary(r => r.Entry.SiloAddress, r => r.Entry.Status);
        Assert.Equal(SiloStatus.Active, rows[firstSilo]);
        Assert.Equal(SiloStatus.Active, rows[secondSilo]);
        Assert.IsType<ClusterGrainDirectory>(first.Services.GetRequiredService<IGrainDirectory>());

        Assert.Equal(1, await first.GrainFactory.GetGrain<ICounterGrain>("shared").Increment());
        var entry = Assert.Single(directory.Entries);
        Assert.Equal(firstSilo, entry.Address.SiloAddress);

        // Without silo-to-silo messaging yet, the second silo cannot forward: it must refuse, never run a duplicate.
        await Assert.ThrowsAnyAsync<Exception>(() => second.GrainFactory.GetGrain<ICounterGrain>("shared").Increment());
        Assert.Equal(firstSilo, Assert.Single(directory.Entries).Address.SiloAddress);

        await first.DisposeAsync();
        Assert.Equal(SiloStatus.Dead, (await table.ReadAll()).Find(firstSilo)!.Entry.Status);
        Assert.Empty(directory.Entries); // deactivation unregistered before the silo wrote itself Dead

        // The survivor now owns the grain.
        Assert.Equal(1, await second.GrainFactory.GetGrain<ICounterGrain>("shared").Increment());
        Assert.Equal(secondSilo, Assert.Single(directory.Entries).Address.SiloAddress);
        Assert.Empty(fatal.Reasons);
    }

    private static Task<TestSilo> StartFast(int port, InMemoryMembershipTable table, MemoryGrainDirectoryStore directory, RecordingFatalErrorHandler fatal) =>
        TestSilo.StartAsync(
            silo => silo
                .AddMemoryGrainStorage()
                .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "s" + port; })
                .Configure<ClusterMembershipOptions>(o =>
                {
                    // Orleans' fast test settings, shrunk further: detection within a few seconds. The table prober
                    // calls a peer dead once its heartbeat is 3 periods plus one refresh old; at 100 ms periods that
                    // was 400 ms, which a live silo's heartbeat loop can miss on a busy test machine (it is then voted
                    // out and terminates itself); at 500 ms it must stall for 2 s.
                    o.NumMissedProbesLimit = 1;
                    o.NumVotesForDeathDeclaration = 1;
                    o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromMilliseconds(500);
                    o.TableRefreshTimeout = TimeSpan.FromMilliseconds(500);
                })
                .UseInMemoryClustering(table, directory),
            services => services.AddSingleton<IFatalErrorHandler>(fatal));

    [Fact]
    public async Task SiloThatStopsHeartbeating_IsVotedDeadByTheOther_AndTerminatesWhenItReadsThat()
    {
        var table = new InMemoryMembershipTable("detect");
        var directory = new MemoryGrainDirectoryStore();
        var fatalFirst = new RecordingFatalErrorHandler();
        var fatalSecond = new RecordingFatalErrorHandler();
        await using var first = await StartFast(21011, table, directory, fatalFirst);
        var second = await StartFast(21012, table, directory, fatalSecond);
        var secondSilo = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        // The second silo freezes (no heartbeat, no refresh, no probes), like a stopped process.
        var secondAgent = second.Services.GetRequiredService<MembershipAgent>();
        await secondAgent.DisposeAsync();
        Assert.True(await Eventually.TrueAsync(
            () => table.ReadAll().Result.Find(secondSilo)!.Entry.Status == SiloStatus.Dead, TimeSpan.FromSeconds(20)));
        var row = (await table.ReadAll()).Find(secondSilo)!.Entry;
        Assert.Equal(first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, Assert.Single(row.SuspectTimes).Voter);

        // When it wakes up and reads the table, it terminates itself instead of serving.
        Assert.Empty(fatalSecond.Reasons);
        await second.Services.GetRequiredService<IClusterMembershipService>().Refresh();
        Assert.Contains("declared Dead", Assert.Single(fatalSecond.Reasons));
        Assert.Empty(fatalFirst.Reasons);
        second.Host.Dispose();
    }

    [Fact]
    public async Task DevelopmentClustering_OneSilo_RunsTheProtocolEndToEnd()
    {
        var fatal = new RecordingFatalErrorHandler();
        await using var silo = await TestSilo.StartAsync(
            s => s.AddMemoryGrainStorage().UseDevelopmentClustering(),
            services => services.AddSingleton<IFatalErrorHandler>(fatal));
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        var self = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Equal(SiloStatus.Active, membership.CurrentSnapshot.GetSiloStatus(self));
        Assert.Equal(3, await silo.GrainFactory.GetGrain<ICounterGrain>("dev").Increment() + 2);
    }

    [Fact]
    public async Task SiloWithoutClustering_KeepsTheOneSiloDirectoryAndNoMembership()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddMemoryGrainStorage());
        Assert.IsType<LocalGrainDirectory>(silo.Services.GetRequiredService<IGrainDirectory>());
        Assert.Null(silo.Services.GetService<IClusterMembershipService>());
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ICounterGrain>("plain").Increment());
    }

    [Fact]
    public async Task InvalidMembershipOptions_FailTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(s => s
            .UseDevelopmentClustering()
            .Configure<ClusterMembershipOptions>(o => o.NumVotesForDeathDeclaration = 0)));
        Assert.Contains("NumVotesForDeathDeclaration", error.ToString());
    }
}
