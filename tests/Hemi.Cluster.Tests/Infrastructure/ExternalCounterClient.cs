using Hemi.Cluster.TestHost.Grains;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Client;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// An <see cref="ICounterClient"/> over the runtime's external client (<c>UseClusterClient</c>) in the test process:
/// gateways discovered from the cluster's Azure Blob membership table, failing over between them as silos die.
/// </summary>
public sealed class ExternalCounterClient : ICounterClient
{
    private readonly IHost _host;
    private readonly IClusterClient _client;

    private ExternalCounterClient(IHost host)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <inheritdoc/>
    public string Description => "external cluster client (gateways from the Azure Blob membership table)";

    /// <summary>The running client (e.g. for other grain interfaces).</summary>
    public IClusterClient Client => _client;

    /// <summary>Starts a client of <paramref name="cluster"/>; its gateway list is re-read every second.</summary>
    public static async Task<ExternalCounterClient> StartAsync(ProcessCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseClusterClient(client => client
            .Configure(o =>
            {
                o.ClusterId = cluster.ClusterId;
                // Chaos kills gateways every few seconds; find the new ones quickly.
                o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1);
            })
            .UseAzureBlobClustering(o => o.ConnectionString = cluster.ConnectionString)
            .AddGrainsFromAssembly(typeof(ICounterGrain).Assembly));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ExternalCounterClient(host);
    }

    /// <inheritdoc/>
    public Task<long> IncrementAsync(string key) => _client.GetGrain<ICounterGrain>(key).Increment(null);

    /// <inheritdoc/>
    public Task<long> GetAsync(string key) => _client.GetGrain<ICounterGrain>(key).Get();

    /// <inheritdoc/>
    public Task<string> WhereAsync(string key) => _client.GetGrain<ICounterGrain>(key).WhereAreYou();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
