using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Storage.AzureBlob.Tests.Membership;

/// <summary>Silos using <c>UseAzureBlobClustering</c> and <c>UseAzureBlobGrainDirectory</c> against Azurite.</summary>
public sealed class AzureBlobClusteringHostingTests
{
    private sealed class RecordingFatalErrorHandler : IFatalErrorHandler
    {
        public List<string> Reasons { get; } = [];

        public void OnFatalError(string reason, Exception? exception)
        {
            lock (Reasons)
            {
                Reasons.Add(reason);
            }
        }
    }

    private static async Task<IHost> StartSilo(string clusterId, string container, int port, IFatalErrorHandler fatal)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(fatal);
        builder.UseSilo(silo => silo
            .DisableAutomaticGrainDiscovery()
            .Configure<SiloOptions>(o => o.SiloPort = port)
            .Configure<ClusterOptions>(o => o.ClusterId = clusterId)
            .UseAzureBlobClustering(o =>
            {
                o.ConnectionString = Azurite.ConnectionString;
                o.ContainerName = container;
                o.Client = Azurite.FastClientOptions();
            })
            .UseAzureBlobGrainDirectory(o =>
            {
                o.ConnectionString = Azurite.ConnectionString;
                o.ContainerName = container;
                o.Client = Azurite.FastClientOptions();
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [ServiceFact(Azurite.Variable)]
    public async Task TwoSilos_JoinThroughBlobs_TakeOverTheDirectoryEntryOfAStoppedSilo()
    {
        var cluster = "h" + Guid.NewGuid().ToString("N")[..12];
        var container = Azurite.NewContainerName("hosting");
        var fatal = new RecordingFatalErrorHandler();
        using var first = await StartSilo(cluster, container, 22001, fatal);
        using var second = await StartSilo(cluster, container, 22002, fatal);
        var firstSilo = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var secondSilo = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var table = new AzureBlobMembershipTable(cluster, new AzureBlobClusteringOptions { ConnectionString = Azurite.ConnectionString, ContainerName = container });
        var rows = (await table.ReadAll()).Members.ToDictionary(r => r.Entry.SiloAddress, r => r.Entry.Status);
        Assert.Equal(SiloStatus.Active, rows[firstSilo]);
        Assert.Equal(SiloStatus.Active, rows[secondSilo]);

        var grain = GrainId.Create("hosting", "g");
        var firstDirectory = first.Services.GetRequiredService<IGrainDirectory>();
        var secondDirectory = second.Services.GetRequiredService<IGrainDirectory>();
        Assert.IsType<ClusterGrainDirectory>(firstDirectory);
        var onFirst = new GrainAddress(grain, firstSilo, ActivationId.NewId());
        Assert.Equal(onFirst, await firstDirectory.Register(onFirst));
        Assert.Equal(onFirst, await secondDirectory.Register(new GrainAddress(grain, secondSilo, ActivationId.NewId())));

        // The first silo stops without unregistering (as after a crash of its activations); once it is Dead the
        // survivor may take the entry over.
        await first.StopAsync();
        Assert.Equal(SiloStatus.Dead, (await table.ReadAll()).Find(firstSilo)!.Entry.Status);
        await second.Services.GetRequiredService<IClusterMembershipService>().Refresh();
        var onSecond = new GrainAddress(grain, secondSilo, ActivationId.NewId());
        Assert.Equal(onSecond, await secondDirectory.Register(onSecond));
        Assert.Equal(onSecond, await secondDirectory.Lookup(grain));

        await second.StopAsync();
        Assert.Empty(fatal.Reasons);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task ProcessRestartedAtTheSameEndpoint_SupersedesTheOldGeneration()
    {
        var cluster = "h" + Guid.NewGuid().ToString("N")[..12];
        var container = Azurite.NewContainerName("hosting");
        var table = new AzureBlobMembershipTable(cluster, new AzureBlobClusteringOptions { ConnectionString = Azurite.ConnectionString, ContainerName = container });
        await table.InitializeMembershipTable(true);
        // A crashed earlier process at the same endpoint left an Active row behind.
        var crashed = new SiloAddress(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.1"), 22003), 1);
        Assert.True(await table.InsertRow(new MembershipEntry { SiloAddress = crashed, Status = SiloStatus.Active }, (await table.ReadAll()).Version.Next()));

        var fatal = new RecordingFatalErrorHandler();
        using var restarted = await StartSilo(cluster, container, 22003, fatal);
        var data = await table.ReadAll();
        Assert.Equal(SiloStatus.Dead, data.Find(crashed)!.Entry.Status);
        var self = restarted.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.True(self.IsSuccessorOf(crashed));
        Assert.Equal(SiloStatus.Active, data.Find(self)!.Entry.Status);
        await restarted.StopAsync();
        Assert.Empty(fatal.Reasons);
    }
}
