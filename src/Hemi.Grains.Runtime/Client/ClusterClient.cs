using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Client;

/// <summary>
/// An external client of a cluster (Orleans: <c>ClusterClient</c>): grain proxies from the generated manifest whose
/// calls go through a gateway silo. Started and stopped by the host (<c>UseClusterClient</c>); calls made while no
/// gateway is reachable fail with <see cref="SiloUnavailableException"/>, calls pending on a gateway that dies fail
/// at once with it, and nothing is retried automatically.
/// </summary>
public sealed class ClusterClient : IClusterClient, IHostedService, IAsyncDisposable
{
    private readonly GatewayManager _gateways;
    private readonly OutsideRuntimeClient _runtime;
    private readonly GrainFactory _factory;

    internal ClusterClient(GrainManifest manifest, ClusterClientOptions options, IGatewayListProvider gatewayList, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        options.Validate();
        Options = options;
        _gateways = new GatewayManager(gatewayList, options, timeProvider, loggerFactory.CreateLogger<ClusterClient>());
        _runtime = new OutsideRuntimeClient(timeProvider, options, _gateways);
        _factory = new GrainFactory(manifest, _runtime);
        _runtime.Codec = new GrainCallCodec(manifest.Interfaces, _factory, timeProvider);
    }

    /// <summary>The client's settings.</summary>
    public ClusterClientOptions Options { get; }

    /// <summary>The gateway silo the client is connected to now, if any.</summary>
    public SiloAddress? CurrentGateway => _gateways.CurrentGateway;

    /// <summary>The gateways as last read from the gateway list provider.</summary>
    public IReadOnlyList<SiloAddress> Gateways => _gateways.Gateways;

    /// <summary>Re-reads the gateway list now (it is also re-read every <see cref="ClusterClientOptions.GatewayListRefreshPeriod"/>).</summary>
    public Task RefreshGatewaysAsync(CancellationToken cancellationToken = default) => _gateways.RefreshAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime.Start();
        await _gateways.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _runtime.Stop();
        await _gateways.DisposeAsync().ConfigureAwait(false);
        _runtime.Callbacks.FailAll(m => new SiloUnavailableException($"The client stopped before {m} completed."));
    }

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
        => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey
        => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey
        => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey
        => _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey
        => _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable
        => _factory.GetGrain<TGrainInterface>(grainId);
}
