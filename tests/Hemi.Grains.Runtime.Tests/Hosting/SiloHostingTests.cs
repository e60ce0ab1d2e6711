using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Tests.Hosting;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task InvalidOptions_FailHostStart()
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(s => s.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.Zero)));
        await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(s => s.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromSeconds(-1))));
    }

    [Fact]
    public async Task HostBuilderUseSilo_RegistersAnInProcessClient()
    {
        using var host = Host.CreateDefaultBuilder()
            .UseSilo(silo => silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly))
            .Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        Assert.Same(client, host.Services.GetRequiredService<IGrainFactory>());
        Assert.Equal(43, await client.GetGrain<IPingGrain>(1).Ping(42));
        await host.StopAsync();
    }
}
