using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Routing;

/// <summary>
/// Addresses calls for grains that have no local activation (Orleans: <c>PlacementService.AddressMessage</c>): the
/// directory (cached) names the silo of an existing activation; without an entry, the grain class's placement
/// director picks one of the active silos. Remote calls go over <see cref="SiloConnectionManager"/> as
/// <see cref="GrainCallCodec"/> frames; the response (result, exception or rejection) completes the caller. Calls
/// are never retried: a failed send fails the call, and a cached entry whose silo could not be reached is evicted so
/// the next call looks the grain up again.
/// </summary>
internal sealed partial class GrainCallRouter
{
    private readonly Catalog _catalog;
    private readonly IGrainDirectory _directory;
    private readonly IClusterMembershipService _membership;
    private readonly PlacementDirectorResolver _placement;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, SiloAddress> _placements = new();
    private SiloConnectionManager? _connections;

    public GrainCallRouter(
        Catalog catalog,
        IGrainDirectory directory,
        IClusterMembershipService membership,
        GrainCallCodec codec,
        PlacementDirectorResolver placement,
        IServiceProvider services,
        ILogger<GrainCallRouter> logger)
    {
        _catalog = catalog;
        _directory = directory;
        _membership = membership;
        Codec = codec;
        _placement = placement;
        _services = services;
        _logger = logger;
        catalog.Router = this;
    }

    public GrainCallCodec Codec { get; }

    public Catalog Catalog => _catalog;

    // Resolved on first use: the connection manager depends on the message handler, which depends on us.
    private SiloConnectionManager Connections => _connections ??= _services.GetRequiredService<SiloConnectionManager>();

    /// <summary>Addresses and sends (or delivers locally) a message whose grain has no local activation.</summary>
    public void Route(Message message) => _ = RouteAsync(message, mayReaddress: true);

    /// <summary>Sends a message to the activation on <paramref name="target"/> (a forward to a registration winner).</summary>
    public void SendTo(SiloAddress target, Message message) => _ = SendAsync(target, message, via: null);

    private async Task RouteAsync(Message message, bool mayReaddress)
    {
        var grainId = message.TargetGrain;
        SiloAddress? placed = null;
        try
        {
            var address = await _directory.Lookup(grainId).ConfigureAwait(false);
            SiloAddress target;
            if (address is not null)
            {
                target = address.SiloAddress;
            }
            else
            {
                // Calls racing to a grain that is not registered yet share one placement decision, so a burst of
                // first calls does not start an activation on every silo (registration would still settle it).
                target = placed = _placements.GetOrAdd(grainId, static (id, self) => self.Place(id), this);
            }

            if (target.Equals(_catalog.LocalSilo))
            {
                _catalog.DispatchInbound(message);
                return;
            }

            await SendAsync(target, message, address, mayReaddress).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            message.TrySetException(exception);
        }
        finally
        {
            // Once a call has been answered (or delivered locally) the activation is registered: look it up from now on.
            if (placed is not null)
            {
                _placements.TryRemove(new KeyValuePair<GrainId, SiloAddress>(grainId, placed));
            }
        }
    }

    private SiloAddress Place(GrainId grainId)
    {
        // Only silos Active in the current view are candidates (Joining, ShuttingDown and Dead ones are not).
        var active = ActiveSiloList.FromSnapshot(_membership.CurrentSnapshot);
        if (active.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can host {grainId}.");
        }

        var grainClass = _catalog.Manifest.GetClass(grainId.Type)
            ?? throw new InvalidOperationException($"No grain class is registered for grain type '{grainId.Type}'.");
        return _placement.PlaceActivation(grainClass.ClassType, grainId, active, _catalog.LocalSilo);
    }

    private async Task SendAsync(SiloAddress target, Message message, GrainAddress? via, bool mayReaddress = false)
    {
        try
        {
            byte[] body = Codec.EncodeRequest(message);
            var flags = ToFrameFlags(message.Flags);
            ReadOnlyMemory<byte> response;
            try
            {
                var connection = await Connections.GetConnection(target).ConfigureAwait(false);
                if (message.IsOneWay)
                {
                    connection.SendOneWay(body, message.RequestContextData, flags);
                    return;
                }

                response = await connection.SendRequest(body, message.RequestContextData, flags).ConfigureAwait(false);
            }
            catch (SiloUnavailableException e) when (mayReaddress && e.NotProcessed)
            {
                // The call certainly did not run (the silo is gone, or it was closing the connection and refused it):
                // address it once more, with a fresh view and without the stale address.
                await Readdress(target, message, via).ConfigureAwait(false);
                return;
            }

            if (via is not null && GrainCallCodec.IsUnavailableResponse(response.Span))
            {
                // E.g. the silo is shutting down: the next call must look the grain up again.
                Evict(via);
            }

            if (mayReaddress && GrainCallCodec.IsTransientRejection(response.Span))
            {
                // The silo refused the call before dispatching it (it is stopping and the grain is no longer there).
                await Readdress(target, message, via).ConfigureAwait(false);
                return;
            }

            Codec.ApplyResponse(message, response.Span);
        }
        catch (Exception exception)
        {
            if (via is not null && exception is SiloUnavailableException)
            {
                Evict(via);
            }

            LogSendFailed(exception, message.ToString(), target);
            message.TrySetException(exception);
        }
    }

    // Not a retry of a call that may have run: only calls known not to have run come here, once; a second failure
    // reaches the caller.
    private async Task Readdress(SiloAddress target, Message message, GrainAddress? via)
    {
        if (via is not null)
        {
            Evict(via);
        }

        _placements.TryRemove(new KeyValuePair<GrainId, SiloAddress>(message.TargetGrain, target));
        await _membership.Refresh().ConfigureAwait(false);
        await RouteAsync(message, mayReaddress: false).ConfigureAwait(false);
    }

    /// <summary>The grain's activation on another, not known-dead silo according to the local directory cache only (no I/O).</summary>
    public GrainAddress? TryGetCachedRemoteActivation(GrainId grainId)
    {
        if (_directory is ClusterGrainDirectory cluster && cluster.Cache.TryGet(grainId, out var entry)
            && !entry.Address.SiloAddress.Equals(_catalog.LocalSilo)
            && !_membership.CurrentSnapshot.IsKnownDead(entry.Address.SiloAddress, entry.MembershipVersion))
        {
            return entry.Address;
        }

        return null;
    }

    private void Evict(GrainAddress address)
    {
        if (_directory is ClusterGrainDirectory cluster)
        {
            cluster.Cache.Remove(address.GrainId, onlyIf: address);
        }
    }

    private static FrameFlags ToFrameFlags(MessageFlags flags)
    {
        var result = FrameFlags.None;
        if ((flags & MessageFlags.ReadOnly) != 0)
        {
            result |= FrameFlags.ReadOnly;
        }

        if ((flags & MessageFlags.AlwaysInterleave) != 0)
        {
            result |= FrameFlags.AlwaysInterleave;
        }

        if ((flags & MessageFlags.SystemMessage) != 0)
        {
            result |= FrameFlags.SystemMessage;
        }

        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Sending {Message} to {Silo} failed")]
    private partial void LogSendFailed(Exception exception, string message, SiloAddress silo);
}
