using Hemi.Grains.Runtime.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>
/// The silo's lifecycle as a hosted service: start the call-timeout sweep, idle collection and reminders; on stop,
/// deactivate every activation (running <c>OnDeactivateAsync</c>) and fail calls that are still pending.
/// </summary>
public sealed partial class Silo : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger<Silo> _logger;

    /// <summary>Created by DI.</summary>
    public Silo(IServiceProvider services, ILogger<Silo> logger)
    {
        _services = services;
        _logger = logger;
    }

    /// <summary>This silo's address.</summary>
    public SiloAddress SiloAddress => _services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Number of activations currently in the catalog.</summary>
    public int ActivationCount => _services.GetRequiredService<Catalog>().ActivationCount;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the factory builds the manifest and wires the runtime client to the catalog and the factory
        // (they reference each other), so a bad manifest fails the start instead of the first call.
        _services.GetRequiredService<GrainFactory>();
        // Networked silos route calls for grains without a local activation to other silos (attaches to the catalog).
        _services.GetService<Routing.GrainCallRouter>();
        _services.GetRequiredService<InsideRuntimeClient>().Start();
        _services.GetRequiredService<ActivationCollector>().Start();
        foreach (var participant in _services.GetServices<ISiloLifecycleParticipant>())
        {
            await participant.OnStartAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStarted(SiloAddress);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(SiloAddress);
        // The gateway first: clients move to another gateway while this silo still runs or routes what they sent.
        if (_services.GetService<Networking.SiloNetworkingHostedService>()?.Listener is { } listener)
        {
            await listener.DrainClientsAsync().ConfigureAwait(false);
        }

        foreach (var participant in _services.GetServices<ISiloLifecycleParticipant>().Reverse())
        {
            try
            {
                await participant.OnStopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogStopParticipantFailed(exception, participant.GetType().Name);
            }
        }

        _services.GetRequiredService<ActivationCollector>().Stop();
        var catalog = _services.GetRequiredService<Catalog>();
        try
        {
            await catalog.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogShutdownCut(catalog.ActivationCount);
        }

        var runtime = _services.GetRequiredService<InsideRuntimeClient>();
        runtime.Stop();
        // A call another silo sent is left to its own path: one not yet dispatched is refused unrun (the sender
        // addresses it again), one that ran is answered or, if the drain runs out, fails at the sender as unknown.
        // Failing it here would tell the sender only that it failed, even when it never ran.
        var local = SiloAddress;
        runtime.Callbacks.FailAll(m => m.CameFromAnotherSilo(local) ? null : new SiloUnavailableException($"The silo stopped before {m} completed."));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {SiloAddress} started")]
    private partial void LogStarted(SiloAddress siloAddress);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {SiloAddress} stopping")]
    private partial void LogStopping(SiloAddress siloAddress);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Stopping {Participant} failed")]
    private partial void LogStopParticipantFailed(Exception exception, string participant);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Shutdown was cut short with {Count} activations left")]
    private partial void LogShutdownCut(int count);
}
