using System.Net;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace Hemi.Storage.AzureBlob.Tests.Membership;

/// <summary>
/// The membership protocol over the Azure Blob table while the transport fails: 503s before and after the write
/// was applied, and answers lost past the per-try timeout. Status and vote writes are idempotent re-computations
/// from a fresh read, so the cluster must still converge, and every committed version is unique.
/// </summary>
public sealed class AzureBlobMembershipFaultTests
{
    private sealed class Details(SiloAddress silo) : ILocalSiloDetails
    {
        public string Name => "fault";

        public SiloAddress SiloAddress => silo;
    }

    private sealed class NoFatal : IFatalErrorHandler
    {
        public int Calls;

        public void OnFatalError(string reason, Exception? exception) => Interlocked.Increment(ref Calls);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task ConcurrentJoinsAndAKill_UnderTransportFaults_Converge()
    {
        var cluster = "f" + Guid.NewGuid().ToString("N")[..12];
        using var handler = new FaultInjectingHandler(faultRate: 0.2, stall: TimeSpan.FromSeconds(2), seed: 1234);
        var clientOptions = Azurite.FastClientOptions(handler);
        clientOptions.PerTryTimeout = TimeSpan.FromSeconds(1);
        clientOptions.MaxAttempts = 10;
        var options = new AzureBlobClusteringOptions { ConnectionString = Azurite.ConnectionString, ContainerName = "membership-faults", Client = clientOptions };
        var fatal = new NoFatal();
        var silos = Enumerable.Range(0, 4).Select(i => new SiloAddress(new IPEndPoint(IPAddress.Loopback, 23000 + i), 1)).ToList();
        var managers = silos.Select(s => new MembershipTableManager(
            new Details(s),
            new AzureBlobMembershipTable(cluster, options),
            Options.Create(new ClusterMembershipOptions()),
            Options.Create(new ClusterOptions { ClusterId = cluster }),
            fatal,
            TimeProvider.System)).ToList();

        await Task.WhenAll(managers.Select(m => Task.Run(async () =>
        {
            await m.Start();
            await m.UpdateStatus(SiloStatus.Joining);
            await m.UpdateStatus(SiloStatus.Active);
        })));

        for (var attempt = 0; attempt < 20 && !await managers[0].TryKill(silos[3]); attempt++)
        {
        }

        var table = await new AzureBlobMembershipTable(cluster, new AzureBlobClusteringOptions { ConnectionString = Azurite.ConnectionString, ContainerName = "membership-faults" }).ReadAll();
        Assert.Equal([SiloStatus.Active, SiloStatus.Active, SiloStatus.Active, SiloStatus.Dead], silos.Select(s => table.Find(s)!.Entry.Status));
        // Four inserts, four CASes to Active, one kill; a retried write whose first try landed may add one more.
        Assert.InRange(table.Version.Version, 9, 20);
        Assert.True(handler.Faults > 0, "the handler injected no fault");
        Assert.Equal(0, fatal.Calls);
        foreach (var m in managers)
        {
            m.Dispose();
        }
    }
}
