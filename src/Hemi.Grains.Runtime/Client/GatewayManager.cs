using Hemi.Grains.Runtime.Networking;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Client;

/// <summary>
/// The client's gateway connection (Orleans: <c>GatewayManager</c>): one live connection at a time, to the next
/// gateway in rotation; when it closes, its pending calls fail at once and the next call connects to another gateway
/// (gateways that just failed are tried last). The list is re-read periodically, so restarted gateways are found;
/// a connection to a gateway that left the list is closed. Nothing is retried on a caller's behalf.
/// </summary>
internal sealed partial class GatewayManager : IAsyncDisposable
{
    private readonly IGatewayListProvider _provider;
    private readonly ClusterClientOptions _options;
    private readonly SiloNetworkingOptions _networking;
    private readonly ClientPreamble _preamble;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, long> _failedAt = [];
    private IReadOnlyList<SiloAddress> _gateways = [];
    private Task<SiloConnection>? _current;
    private int _next;
    private ITimer? _refreshTimer;
    private bool _disposed;

    public GatewayManager(IGatewayListProvider provider, ClusterClientOptions options, TimeProvider time, ILogger logger)
    {
        _provider = provider;
        _options = options;
        _networking = options.ToNetworkingOptions();
        _preamble = new ClientPreamble(ConnectionPreamble.CurrentProtocolVersion, options.ClusterId, options.ClientId);
        _time = time;
        _logger = logger;
    }

    /// <summary>The gateways as last read.</summary>
    public IReadOnlyList<SiloAddress> Gateways => Volatile.Read(ref _gateways);

    /// <summary>The silo behind the current connection, if one is open.</summary>
    public SiloAddress? CurrentGateway
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return current is { IsCompletedSuccessfully: true } && !current.Result.IsClosed ? current.Result.RemoteSilo : null;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (InvalidOperationException or OperationCanceledException))
        {
            // The table may not be reachable yet; the periodic refresh and every connect attempt read it again.
            LogRefreshFailed(e);
        }

        _refreshTimer = _time.CreateTimer(static s => _ = ((GatewayManager)s!).RefreshQuietlyAsync(), this, _options.GatewayListRefreshPeriod, _options.GatewayListRefreshPeriod);
        try
        {
            await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SiloUnavailableException e)
        {
            // Not fatal: calls connect when a gateway becomes reachable.
            LogNoGatewayAtStart(e);
        }
    }

    /// <summary>The open connection, or a new one to the next reachable gateway.</summary>
    /// <exception cref="SiloUnavailableException">No gateway could be reached.</exception>
    public Task<SiloConnection> GetConnectionAsync()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // A gateway closing the connection gracefully takes no new calls: connect to the next one.
            if (_current is { } current && (!current.IsCompleted || (current.IsCompletedSuccessfully && current.Result.AcceptsRequests)))
            {
                return current;
            }

            _current = ConnectAnyAsync();
            return _current;
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var gateways = await _provider.GetGateways(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _gateways, gateways);
        Task<SiloConnection>? current;
        lock (_lock)
        {
            current = _current;
        }

        // A gateway that left the membership list (declared dead) must not keep our calls waiting on a silent socket.
        if (current is { IsCompletedSuccessfully: true } && !current.Result.IsClosed && gateways.Count > 0
            && !gateways.Any(g => Matches(g, current.Result.RemoteSilo)))
        {
            LogGatewayLeft(current.Result.RemoteSilo);
            current.Result.Abort(new SiloUnavailableException($"Gateway {current.Result.RemoteSilo} is no longer in the gateway list."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<SiloConnection>? current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
        }

        _refreshTimer?.Dispose();
        if (current is { IsCompletedSuccessfully: true })
        {
            await current.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool Matches(SiloAddress listed, SiloAddress connected)
        => listed.Generation == 0 ? listed.Endpoint.Equals(connected.Endpoint) : listed.Equals(connected);

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogRefreshFailed(e);
        }
    }

    private async Task<SiloConnection> ConnectAnyAsync()
    {
        var gateways = Gateways;
        if (gateways.Count == 0)
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
            gateways = Gateways;
        }

        Exception? last = null;
        foreach (var gateway in Order(gateways))
        {
            try
            {
                var connection = await SiloConnection.ConnectClient(gateway, _preamble, gateway.Generation != 0, _networking, _time, _logger, CancellationToken.None).ConfigureAwait(false);
                lock (_lock)
                {
                    _failedAt.Remove(gateway);
                }

                LogConnected(connection.RemoteSilo);
                return connection;
            }
            catch (Exception e) when (e is SiloUnavailableException or ConnectionRejectedException)
            {
                last = e;
                lock (_lock)
                {
                    _failedAt[gateway] = _time.GetTimestamp();
                }

                LogConnectFailed(gateway, e.Message);
            }
        }

        throw new SiloUnavailableException($"No gateway of cluster '{_options.ClusterId}' is reachable ({gateways.Count} known).", notProcessed: true, last ?? new InvalidOperationException("The gateway list is empty."));
    }

    /// <summary>Round robin from the next gateway, with gateways that failed within the retry delay moved to the end.</summary>
    private List<SiloAddress> Order(IReadOnlyList<SiloAddress> gateways)
    {
        var ordered = new List<SiloAddress>(gateways.Count);
        var recentlyFailed = new List<SiloAddress>();
        lock (_lock)
        {
            int start = gateways.Count == 0 ? 0 : _next++ % gateways.Count;
            for (int i = 0; i < gateways.Count; i++)
            {
                var gateway = gateways[(start + i) % gateways.Count];
                bool failedRecently = _failedAt.TryGetValue(gateway, out long at) && _time.GetElapsedTime(at) < _options.GatewayRetryDelay;
                (failedRecently ? recentlyFailed : ordered).Add(gateway);
            }
        }

        ordered.AddRange(recentlyFailed);
        return ordered;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to gateway {Gateway}")]
    private partial void LogConnected(SiloAddress gateway);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Cannot connect to gateway {Gateway}: {Reason}")]
    private partial void LogConnectFailed(SiloAddress gateway, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "No gateway was reachable when the client started")]
    private partial void LogNoGatewayAtStart(Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Refreshing the gateway list failed")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Closing the connection to gateway {Gateway}: it left the gateway list")]
    private partial void LogGatewayLeft(SiloAddress gateway);
}
