using System.Net;
using Hemi.Grains.Runtime.Client;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Tests.Routing;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Tests.Client;

/// <summary>An external client in its own host, calling silos through their gateways over loopback TCP.</summary>
public sealed class ClusterClientTests
{
    private static async Task<IHost> StartClient(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseClusterClient(client =>
        {
            client.Configure(o => o.GatewayListRefreshPeriod = TimeSpan.FromMilliseconds(200));
            configure(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static IPEndPoint EndpointOf(TestInfrastructure.TestSilo silo) => LoopbackCluster.AddressOf(silo).Endpoint;

    [Fact]
    public async Task Client_CallsGrainsThroughAGateway_WithResultsExceptionsAndContext()
    {
        await using var cluster = await LoopbackCluster.StartAsync("client-calls", 2);
        using var host = await StartClient(c => c.UseInMemoryClustering(cluster.Table));
        var client = host.Services.GetRequiredService<IClusterClient>();

        Assert.Equal(5, await client.GetGrain<IRemoteTestGrain>("a").Add(2, 3));
        Assert.Equal("nope", (await Assert.ThrowsAsync<ArgumentException>(() => client.GetGrain<IRemoteTestGrain>("a").ThrowArgument("nope"))).Message);
        RequestContext.Set("trace", "from-client");
        try
        {
            Assert.Equal("from-client", await client.GetGrain<IRemoteTestGrain>("a").GetRequestContext("trace"));
        }
        finally
        {
            RequestContext.Clear();
        }

        // Calls through one gateway are routed like local calls: grains land on both silos, one activation each.
        var hosts = new HashSet<string>();
        for (int i = 0; i < 30; i++)
        {
            var grain = client.GetGrain<IRemoteTestGrain>("spread-" + i);
            hosts.Add(await grain.WhereAmI());
            Assert.Equal(1, await grain.Increment());
        }

        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, await client.GetGrain<IRemoteTestGrain>("spread-0").Increment());

        // A reference returned to the client is a live proxy of the client.
        var self = await client.GetGrain<IRemoteTestGrain>("spread-0").Self();
        Assert.Equal(3, await self.Increment());
        await host.StopAsync();
    }

    [Fact]
    public async Task Client_FailsOverToAnotherGateway_WhenItsGatewayDies()
    {
        await using var cluster = await LoopbackCluster.StartAsync("client-failover", 2);
        using var host = await StartClient(c => c.UseInMemoryClustering(cluster.Table));
        var client = host.Services.GetRequiredService<ClusterClient>();
        Assert.Equal(1, await client.GetGrain<IRemoteTestGrain>("f").Increment());
        var gateway = client.CurrentGateway!;
        var (dying, survivor) = LoopbackCluster.AddressOf(cluster.Silos[0]) == gateway
            ? (cluster.Silos[0], cluster.Silos[1])
            : (cluster.Silos[1], cluster.Silos[0]);

        // A call pending on the dying gateway's connection fails at once, not after the response timeout.
        var pending = client.GetGrain<IRemoteTestGrain>("slow").SlowIncrement(5_000);
        var started = RemoteTestGrain.SlowIncrementStarted("slow");
        Assert.True(await Eventually.TrueAsync(() => cluster.Silos.Any(s => s.Recorder.Events.Contains(started))), "the slow call is running");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cluster.CrashAsync(dying, survivor);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");

        // New calls go to the live gateway; no call is retried for us.
        Assert.InRange(await client.GetGrain<IRemoteTestGrain>("f").Increment(), 1, 2);
        Assert.Equal(LoopbackCluster.AddressOf(survivor), client.CurrentGateway);
        await client.RefreshGatewaysAsync();
        Assert.Equal([LoopbackCluster.AddressOf(survivor)], client.Gateways);
        await host.StopAsync();
    }

    [Fact]
    public async Task Client_CallsWhileItsGatewayStopsGracefully_AllSucceed()
    {
        await using var cluster = await LoopbackCluster.StartAsync("client-drain", 2);
        using var host = await StartClient(c => c.UseInMemoryClustering(cluster.Table));
        var client = host.Services.GetRequiredService<ClusterClient>();
        Assert.Equal(3, await client.GetGrain<IRemoteTestGrain>("d").Add(1, 2));
        var gateway = client.CurrentGateway!;
        var (leaving, survivor) = LoopbackCluster.AddressOf(cluster.Silos[0]) == gateway
            ? (cluster.Silos[0], cluster.Silos[1])
            : (cluster.Silos[1], cluster.Silos[0]);

        // Grains on the survivor, reached through the leaving gateway until it says GoAway, then through the survivor:
        // this is about the gateway (grains of a leaving silo are CrossSiloCallTests' concern).
        var grains = new List<IRemoteTestGrain>();
        for (int i = 0; grains.Count < 4 && i < 400; i++)
        {
            var grain = client.GetGrain<IRemoteTestGrain>($"d-{i}");
            if (await grain.WhereAmI() == LoopbackCluster.AddressOf(survivor).ToString())
            {
                grains.Add(grain);
            }
        }

        Assert.Equal(4, grains.Count);
        using var enough = new CancellationTokenSource();
        var streams = RemoteTestGrainStreams.AddUntil(grains, enough.Token);
        await Task.Delay(200);
        await leaving.DisposeAsync();
        await Task.Delay(100);
        enough.Cancel();

        Assert.All(await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30)), calls => Assert.True(calls > 0));
        Assert.Equal(LoopbackCluster.AddressOf(survivor), client.CurrentGateway);
        await host.StopAsync();
    }

    [Fact]
    public async Task Client_Reconnects_WhenAGatewayComesBack()
    {
        int port = LoopbackCluster.FreePort();
        await using var cluster = new LoopbackCluster("client-reconnect");
        var first = await cluster.StartSiloAsync(port: port);
        using var host = await StartClient(c => c.Configure(o => o.ClusterId = "client-reconnect").UseStaticGateways(new IPEndPoint(IPAddress.Loopback, port)));
        var client = host.Services.GetRequiredService<IClusterClient>();
        Assert.Equal(3, await client.GetGrain<IRemoteTestGrain>("r").Add(1, 2));

        await first.DisposeAsync();
        await Assert.ThrowsAsync<SiloUnavailableException>(() => client.GetGrain<IRemoteTestGrain>("r").Add(1, 2));

        // A new generation of the silo on the same endpoint (generations count seconds): the static list accepts it,
        // and the next call connects.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await cluster.StartSiloAsync(port: port);
        Assert.Equal(3, await client.GetGrain<IRemoteTestGrain>("r").Add(1, 2));
        await host.StopAsync();
    }

    [Fact]
    public async Task Client_OfAnotherCluster_IsRefused()
    {
        await using var cluster = await LoopbackCluster.StartAsync("client-right", 1);
        using var host = await StartClient(c => c.Configure(o => o.ClusterId = "client-wrong").UseStaticGateways(EndpointOf(cluster.Silos[0])));
        var client = host.Services.GetRequiredService<IClusterClient>();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => client.GetGrain<IRemoteTestGrain>("x").Add(1, 2));
        Assert.IsType<Hemi.Grains.Runtime.Networking.ConnectionRejectedException>(error.InnerException);
        await host.StopAsync();
    }

    [Fact]
    public async Task Gateways_AreTheActiveSilosOfTheMembershipTable()
    {
        await using var cluster = await LoopbackCluster.StartAsync("client-gateways", 2);
        var provider = new MembershipTableGatewayListProvider(cluster.Table);

        var gateways = await provider.GetGateways(CancellationToken.None);

        Assert.Equal(cluster.Silos.Select(LoopbackCluster.AddressOf).OrderBy(s => s.ToString()), gateways.OrderBy(s => s.ToString()));
        await cluster.Silos[1].DisposeAsync();
        Assert.Equal([LoopbackCluster.AddressOf(cluster.Silos[0])], await provider.GetGateways(CancellationToken.None));
    }
}
