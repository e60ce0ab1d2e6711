using System.Net;
using System.Net.Sockets;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Tests.Membership;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hemi.Grains.Runtime.Tests.Routing;

/// <summary>
/// Silos in one process on loopback TCP, sharing an in-memory membership table and directory store, with fast
/// failure detection. Dispose stops every silo still running.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];

    public LoopbackCluster(string clusterId, Func<MemoryGrainDirectoryStore, IGrainDirectoryStore>? wrapDirectory = null)
    {
        Table = new InMemoryMembershipTable(clusterId);
        DirectoryStore = wrapDirectory?.Invoke(Directory) ?? Directory;
    }

    public InMemoryMembershipTable Table { get; }

    /// <summary>The shared directory entries (wrapped by <see cref="DirectoryStore"/> when a test intercepts it).</summary>
    public MemoryGrainDirectoryStore Directory { get; } = new();

    public IGrainDirectoryStore DirectoryStore { get; }

    public RecordingFatalErrorHandler Fatal { get; } = new();

    public IReadOnlyList<TestSilo> Silos => _silos;

    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public static SiloAddress AddressOf(TestSilo silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<LoopbackCluster> StartAsync(string clusterId, int silos, Func<MemoryGrainDirectoryStore, IGrainDirectoryStore>? wrapDirectory = null)
    {
        var cluster = new LoopbackCluster(clusterId, wrapDirectory);
        for (int i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        await cluster.WaitForActiveAsync();
        return cluster;
    }

    public async Task<TestSilo> StartSiloAsync(Action<ISiloBuilder>? configure = null, int? port = null)
    {
        int siloPort = port ?? FreePort();
        var silo = await TestSilo.StartAsync(
            builder =>
            {
                builder
                    .AddMemoryGrainStorage()
                    .Configure<SiloOptions>(o => { o.SiloPort = siloPort; o.SiloName = "s" + siloPort; })
                    .Configure<ClusterMembershipOptions>(o =>
                    {
                        // Quick views, but patient probes: tests crash silos explicitly, and a loaded CI machine
                        // must not get a healthy silo voted dead.
                        o.NumMissedProbesLimit = 3;
                        o.NumVotesForDeathDeclaration = 1;
                        o.ProbeTimeout = TimeSpan.FromSeconds(2);
                        o.IAmAliveTablePublishTimeout = TimeSpan.FromMilliseconds(200);
                        o.TableRefreshTimeout = TimeSpan.FromMilliseconds(200);
                    })
                    .UseInMemoryClustering(Table, Directory)
                    .UseSiloNetworking();
                builder.Services.Replace(ServiceDescriptor.Singleton(DirectoryStore));
                configure?.Invoke(builder);
            },
            services => services.AddSingleton<IFatalErrorHandler>(Fatal));
        _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// A crash as the other silos see it: the silo's listener and connections vanish without any table write, and
    /// then a survivor declares it dead (what failure detection does after its probes fail).
    /// </summary>
    public async Task CrashAsync(TestSilo victim, TestSilo survivor)
    {
        // Abruptly, as a dying process: no GoAway, so the survivor's pending calls fail with an unknown outcome.
        var address = AddressOf(victim);
        victim.Services.GetRequiredService<SiloNetworkingHostedService>().Listener?.Abort();
        var connections = victim.Services.GetRequiredService<SiloConnectionManager>();
        foreach (var other in _silos)
        {
            connections.CloseConnection(AddressOf(other));
        }

        await victim.Services.GetRequiredService<SiloNetworkingHostedService>().DisposeAsync();
        await connections.DisposeAsync();
        Assert.True(await survivor.Services.GetRequiredService<IClusterMembershipService>().TryKill(address));
        await survivor.Services.GetRequiredService<IClusterMembershipService>().Refresh();
    }

    /// <summary>Waits until every running silo's view has all of them Active.</summary>
    public async Task WaitForActiveAsync()
    {
        var addresses = _silos.Select(AddressOf).ToList();
        foreach (var silo in _silos)
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!addresses.All(a => membership.CurrentSnapshot.GetSiloStatus(a) == SiloStatus.Active))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The silos did not all become active: {AddressOf(silo)} sees {string.Join(", ", addresses.Select(a => $"{a} {membership.CurrentSnapshot.GetSiloStatus(a)}"))}; fatal [{string.Join("; ", Fatal.Reasons)}].");
                await membership.Refresh();
                await Task.Delay(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            try
            {
                await silo.DisposeAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // Already stopped by the test.
            }
        }
    }
}
