using System.Net;
using System.Net.Sockets;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Tests.Membership;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>The opt-in hosting extension: silos in one process, each with its own listener, probing each other over TCP.</summary>
[Collection(RealTimeFailureDetectionCollection.Name)]
public sealed class SiloNetworkingHostingTests
{
    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static Task<TestSilo> Start(int port, InMemoryMembershipTable table, MemoryGrainDirectoryStore directory, RecordingFatalErrorHandler fatal) =>
        TestSilo.StartAsync(
            silo => silo
                .AddMemoryGrainStorage()
                .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "n" + port; })
                .UseInMemoryClustering(table, directory)
                .UseSiloNetworking(),
            services => services.AddSingleton<IFatalErrorHandler>(fatal));

    [Fact]
    public async Task TwoSilos_ProbeEachOtherOverTheNetwork()
    {
        var table = new InMemoryMembershipTable("net-hosting");
        var directory = new MemoryGrainDirectoryStore();
        var fatal = new RecordingFatalErrorHandler();
        var first = await Start(FreePort(), table, directory, fatal);
        await using var second = await Start(FreePort(), table, directory, fatal);

        var firstSilo = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var secondSilo = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var prober = Assert.IsType<NetworkSiloProber>(second.Services.GetRequiredService<ISiloProber>());
        Assert.Equal(firstSilo, first.Services.GetRequiredService<SiloNetworkingHostedService>().Listener!.LocalSilo);

        await prober.Probe(firstSilo, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Application requests reach the peer's grain call handler; a body that is no grain call gets a typed rejection.
        var connections = second.Services.GetRequiredService<SiloConnectionManager>();
        var answer = await connections.SendRequest(firstSilo, new byte[] { 1 });
        Assert.False(second.Services.GetRequiredService<GrainCallCodec>().TryDecodeVoidResult(answer.Span, out var rejection));
        Assert.Equal(GrainCallRejection.Unrecoverable, Assert.IsType<GrainCallRejectedException>(rejection).Rejection);

        await first.DisposeAsync();
        Assert.Equal(SiloStatus.Dead, (await table.ReadAll()).Find(firstSilo)!.Entry.Status);
        await Assert.ThrowsAnyAsync<Exception>(() => prober.Probe(firstSilo, 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(fatal.Reasons);
        Assert.NotEqual(firstSilo, secondSilo);
    }
}
