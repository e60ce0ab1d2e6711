using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Tests.TestInfrastructure;

/// <summary>A started host with a silo, for tests. Dispose stops it (deactivating every activation).</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(IHost host)
    {
        Host = host;
        GrainFactory = host.Services.GetRequiredService<IClusterClient>();
    }

    public IHost Host { get; }

    public IClusterClient GrainFactory { get; }

    public IServiceProvider Services => Host.Services;

    public EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    public Gate Gate => Host.Services.GetRequiredService<Gate>();

    public static async Task<TestSilo> StartAsync(Action<ISiloBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseSilo(silo =>
        {
            silo.AddGrainsFromAssembly(typeof(TestSilo).Assembly);
            configure?.Invoke(silo);
        });
        builder.Services.AddSingleton<EventRecorder>();
        builder.Services.AddSingleton<Gate>();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
