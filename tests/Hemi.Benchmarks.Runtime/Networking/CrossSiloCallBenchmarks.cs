using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Benchmarks.Runtime.Networking;

/// <summary>The grain both silos host; prefer-local placement lets the setup choose where each key lives.</summary>
public interface ICrossBenchGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);
}

/// <summary>Trivial grain placed on the silo that first calls it.</summary>
[PreferLocalPlacement]
public sealed class CrossBenchGrain : Grain, ICrossBenchGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value + 1);
}

/// <summary>
/// Two networked silos in this process on loopback TCP (in-memory membership and directory). From silo A, with
/// <see cref="Callers"/> concurrent callers: calls to grains activated on A (baseline) versus calls to grains
/// activated on B (encoded, framed, sent over TCP, run on B, answered). The ratio is the cost of crossing silos.
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks.Runtime -- --filter '*CrossSilo*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CrossSiloCallBenchmarks
{
    public const int CallsPerInvocation = 20_000;
    private const int GrainsPerSilo = 1_000;

    private IHost _a = null!;
    private IHost _b = null!;
    private ICrossBenchGrain[] _local = null!;
    private ICrossBenchGrain[] _remote = null!;

    [Params(64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var table = new InMemoryMembershipTable("bench-cross");
        var directory = new MemoryGrainDirectoryStore();
        _a = StartSilo(table, directory);
        _b = StartSilo(table, directory);
        WaitUntilBothActive();

        var fromA = _a.Services.GetRequiredService<IGrainFactory>();
        var fromB = _b.Services.GetRequiredService<IGrainFactory>();
        // Keys 0..N-1 are first called from A (so live on A), keys N..2N-1 from B (so live on B).
        _local = Enumerable.Range(0, GrainsPerSilo).Select(i => fromA.GetGrain<ICrossBenchGrain>(i)).ToArray();
        Task.WhenAll(_local.Select(g => g.Echo(0))).GetAwaiter().GetResult();
        Task.WhenAll(Enumerable.Range(GrainsPerSilo, GrainsPerSilo).Select(i => fromB.GetGrain<ICrossBenchGrain>(i).Echo(0))).GetAwaiter().GetResult();
        _remote = Enumerable.Range(GrainsPerSilo, GrainsPerSilo).Select(i => fromA.GetGrain<ICrossBenchGrain>(i)).ToArray();
        // Warm A's directory cache and connection for the remote keys.
        Task.WhenAll(_remote.Select(g => g.Echo(0))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in new[] { _b, _a })
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public Task<long> InSiloCalls() => Run(_local);

    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task<long> CrossSiloCalls() => Run(_remote);

    private async Task<long> Run(ICrossBenchGrain[] grains)
    {
        int perCaller = CallsPerInvocation / Callers;
        var callers = new Task<long>[Callers];
        for (int c = 0; c < Callers; c++)
        {
            int caller = c;
            callers[c] = Task.Run(async () =>
            {
                long sum = 0;
                int key = caller * 37 % grains.Length;
                for (int i = 0; i < perCaller; i++)
                {
                    sum += await grains[key].Echo(i);
                    key = (key + 7919) % grains.Length;
                }

                return sum;
            });
        }

        long total = 0;
        foreach (var result in await Task.WhenAll(callers))
        {
            total += result;
        }

        return total;
    }

    private static IHost StartSilo(InMemoryMembershipTable table, MemoryGrainDirectoryStore directory)
    {
        int port = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseSilo(silo => silo
            .AddGrainsFromAssembly(typeof(CrossBenchGrain).Assembly)
            .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "bench" + port; })
            .UseInMemoryClustering(table, directory)
            .UseSiloNetworking());
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }

    private void WaitUntilBothActive()
    {
        var silos = new[] { _a, _b }.Select(h => h.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress).ToArray();
        foreach (var host in new[] { _a, _b })
        {
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!silos.All(s => membership.CurrentSnapshot.GetSiloStatus(s) == SiloStatus.Active))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The two silos did not see each other as active.");
                }

                membership.Refresh().GetAwaiter().GetResult();
                Thread.Sleep(20);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
