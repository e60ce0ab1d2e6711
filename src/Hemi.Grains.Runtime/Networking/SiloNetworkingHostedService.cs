using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>Runs the silo's <see cref="SiloConnectionListener"/> on its own address: started first, stopped last.</summary>
public sealed class SiloNetworkingHostedService(
    ILocalSiloDetails localSilo,
    IOptions<SiloNetworkingOptions> options,
    ISiloMessageHandler handler,
    TimeProvider timeProvider,
    ILogger<SiloNetworkingHostedService> logger) : IHostedService, IAsyncDisposable
{
    private SiloConnectionListener? _listener;

    /// <summary>The running listener (null before start and after stop).</summary>
    public SiloConnectionListener? Listener => _listener;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var silo = localSilo.SiloAddress;
        _listener = SiloConnectionListener.Start(silo.Endpoint, silo.Generation, options.Value, handler, timeProvider, logger);
        logger.LogInformation("Silo-to-silo listener on {Silo}", _listener.LocalSilo);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var listener = Interlocked.Exchange(ref _listener, null);
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
