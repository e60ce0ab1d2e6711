using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Metadata;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Routing;
using Hemi.Grains.Runtime.Scheduler;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime;

/// <summary>
/// The silo's activations by grain id (Orleans: <c>Catalog</c>): delivers each message to the activation of its target
/// grain, creating the activation on first use. Lookup is a lock-free dictionary read on the hot path.
/// </summary>
internal sealed class Catalog
{
    private readonly ConcurrentDictionary<GrainId, object> _activations = new();
    private readonly GrainManifest _manifest;
    private readonly IPlacementDirector _placement;
    private readonly ILocalSiloDetails _silo;
    private readonly SiloAddress[] _compatibleSilos;
    private readonly int _maxForwardCount;
    private volatile bool _stopping;

    public Catalog(
        GrainManifest manifest,
        InsideRuntimeClient runtime,
        GrainActivator activator,
        IGrainDirectory directory,
        IPlacementDirector placement,
        ILocalSiloDetails silo,
        SchedulerContext schedulerContext,
        TimeProvider timeProvider,
        IServiceProvider services,
        IOptions<GrainCollectionOptions> collectionOptions,
        IOptions<SiloMessagingOptions> messagingOptions,
        ILogger<Catalog> logger)
    {
        _manifest = manifest;
        Runtime = runtime;
        runtime.Catalog = this;
        Activator = activator;
        Directory = directory;
        _placement = placement;
        _silo = silo;
        _compatibleSilos = [silo.SiloAddress];
        SchedulerContext = schedulerContext;
        TimeProvider = timeProvider;
        Services = services;
        CollectionOptions = collectionOptions.Value;
        MessagingOptions = messagingOptions.Value;
        _maxForwardCount = messagingOptions.Value.MaxForwardCount;
        Logger = logger;
    }

    public InsideRuntimeClient Runtime { get; }

    public GrainManifest Manifest => _manifest;

    public GrainActivator Activator { get; }

    public IGrainDirectory Directory { get; }

    public SchedulerContext SchedulerContext { get; }

    public TimeProvider TimeProvider { get; }

    public IServiceProvider Services { get; }

    public GrainCollectionOptions CollectionOptions { get; }

    public SiloMessagingOptions MessagingOptions { get; }

    public ILogger Logger { get; }

    public SiloAddress LocalSilo => _silo.SiloAddress;

    public bool IsStopping => _stopping;

    /// <summary>Number of live activations (stateless workers count individually).</summary>
    public int ActivationCount => AllActivations().Count();

    /// <summary>
    /// Routes calls for grains without a local activation to other silos (directory, then placement); null when the
    /// silo is not networked, and then every activation is local.
    /// </summary>
    public GrainCallRouter? Router { get; set; }

    /// <summary>Delivers a message to its target's activation, creating it (or routing it to another silo) if needed. Never throws.</summary>
    public void Dispatch(Message message)
    {
        try
        {
            if (!_activations.TryGetValue(message.TargetGrain, out var entry))
            {
                if ((message.Flags & MessageFlags.IsLocalOnly) != 0)
                {
                    return;
                }

                if (Router is { } router && !IsLocalOnlyGrain(message.TargetGrain))
                {
                    router.Route(message);
                    return;
                }

                entry = GetOrCreate(message.TargetGrain);
            }

            Deliver(entry, message);
        }
        catch (Exception exception)
        {
            message.TrySetException(exception);
        }
    }

    /// <summary>
    /// Delivers a message another silo addressed to this one: to the local activation, creating it here if there is
    /// none (the sender's directory entry or placement chose this silo; registration settles any conflict). Never throws.
    /// </summary>
    public void DispatchInbound(Message message)
    {
        try
        {
            if (!_activations.TryGetValue(message.TargetGrain, out var entry))
            {
                if (RefuseWhileStopping(message))
                {
                    return;
                }

                // When this silo just lost a registration race for the grain, the winner is cached: go there instead
                // of starting yet another activation that would lose again.
                if (Router is { } router && router.TryGetCachedRemoteActivation(message.TargetGrain) is { } winner)
                {
                    ForwardTo(message, winner);
                    return;
                }

                entry = GetOrCreate(message.TargetGrain);
            }

            Deliver(entry, message);
        }
        catch (Exception exception)
        {
            message.TrySetException(exception);
        }
    }

    /// <summary>Sends a message queued on an activation that lost registration to the winning activation (bounded hops).</summary>
    public void ForwardTo(Message message, GrainAddress winner)
    {
        if (message.IsResponseCompleted && !message.IsOneWay)
        {
            return;
        }

        if (++message.ForwardCount > _maxForwardCount)
        {
            message.TrySetException(new SiloUnavailableException(
                $"{message} was forwarded {message.ForwardCount - 1} times (MaxForwardCount {_maxForwardCount}) without reaching a live activation."));
            return;
        }

        if (!winner.SiloAddress.Equals(LocalSilo))
        {
            if (Router is not { } router)
            {
                message.TrySetException(new SiloUnavailableException(
                    $"{message.TargetGrain} is active on {winner.SiloAddress}, and this silo cannot forward to it (no UseSiloNetworking)."));
                return;
            }

            router.SendTo(winner.SiloAddress, message);
            return;
        }

        Dispatch(message);
    }

    private bool IsLocalOnlyGrain(GrainId grainId) => _manifest.GetClass(grainId.Type) is { IsStatelessWorker: true };

    private static void Deliver(object entry, Message message)
    {
        if (entry is ActivationData activation)
        {
            activation.ReceiveMessage(message);
        }
        else
        {
            ((StatelessWorkerGroup)entry).ReceiveMessage(message);
        }
    }

    /// <summary>Re-routes a message that reached an activation which is gone (deactivated or failed).</summary>
    public void Forward(Message message)
    {
        // Timer ticks die with their activation; a request whose caller already has a response (timed out) is dropped.
        // One-way messages are "completed" at send time but must still be delivered.
        if ((message.Flags & MessageFlags.IsLocalOnly) != 0 || (message.IsResponseCompleted && !message.IsOneWay))
        {
            return;
        }

        if (RefuseWhileStopping(message))
        {
            return;
        }

        if (++message.ForwardCount > _maxForwardCount)
        {
            message.TrySetException(new SiloUnavailableException(
                $"{message} was forwarded {message.ForwardCount - 1} times (MaxForwardCount {_maxForwardCount}) without reaching a live activation."));
            return;
        }

        Dispatch(message);
    }

    /// <summary>
    /// A leaving silo does not take on a call another silo sent it for a grain that is no longer here: it refuses it
    /// unrun (a transient rejection), and the sender, with a fresh membership view, addresses it again. Forwarding it
    /// from here could be cut off by this silo's own stop, and the caller could not tell whether it ran.
    /// </summary>
    private bool RefuseWhileStopping(Message message)
    {
        if (!_stopping || !message.CameFromAnotherSilo(LocalSilo))
        {
            return false;
        }

        message.TrySetException(new GrainCallRejectedException(GrainCallRejection.Transient, $"{LocalSilo} is shutting down; {message.TargetGrain} is not active here."));
        return true;
    }

    public void Remove(ActivationData activation)
    {
        if (activation.WorkerGroup is { } group)
        {
            group.Remove(activation);
            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, object>(activation.GrainId, activation));
    }

    public IEnumerable<ActivationData> AllActivations()
    {
        foreach (var entry in _activations.Values)
        {
            if (entry is ActivationData activation)
            {
                yield return activation;
            }
            else
            {
                foreach (var worker in ((StatelessWorkerGroup)entry).Workers)
                {
                    yield return worker;
                }
            }
        }
    }

    /// <summary>Finds the activation of a (non-worker) grain, if one exists.</summary>
    public ActivationData? TryGetActivation(GrainId grainId) => _activations.TryGetValue(grainId, out var e) ? e as ActivationData : null;

    public ActivationData CreateActivation(GrainClassInfo grainClass, GrainId grainId, StatelessWorkerGroup? group)
        => new(this, grainClass, grainId, group);

    /// <summary>Stops creating activations and deactivates every activation (graceful shutdown).</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var all = AllActivations().ToList();
        foreach (var activation in all)
        {
            activation.Deactivate(reason);
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private object GetOrCreate(GrainId grainId)
    {
        if (_stopping)
        {
            throw new SiloUnavailableException($"The silo is shutting down; {grainId} cannot be activated.");
        }

        var grainClass = _manifest.GetClass(grainId.Type)
            ?? throw new InvalidOperationException($"No grain class is registered for grain type '{grainId.Type}'.");

        if (Router is null)
        {
            // One silo: placement can only pick this one, but a director may still refuse (e.g. a custom one).
            var target = _placement.OnAddActivation(grainId, _compatibleSilos, LocalSilo);
            if (!target.Equals(LocalSilo))
            {
                throw new NotSupportedException($"Placement chose remote silo {target}, but this silo is not networked (UseSiloNetworking).");
            }
        }

        object created = grainClass.IsStatelessWorker
            ? new StatelessWorkerGroup(this, grainClass, grainId)
            : new ActivationData(this, grainClass, grainId, null);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created) && created is ActivationData activation)
        {
            activation.Start();
        }

        return winner;
    }
}
