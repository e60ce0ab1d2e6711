using Hemi.Grains.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// Outbound connections (Orleans: <c>ConnectionManager</c>): one per remote silo, opened lazily with concurrent
/// callers sharing a single pending connect, and replaced by a fresh one on the next call after it fails. Calls to a
/// silo the membership view shows as dead fail at once with <see cref="SiloUnavailableException"/>, and its
/// connection is closed (failing its pending calls) as soon as such a view arrives. Calls are never retried.
/// </summary>
public sealed class SiloConnectionManager : IAsyncDisposable
{
    private readonly ConnectionPreamble _localPreamble;
    private readonly SiloNetworkingOptions _options;
    private readonly IMembershipViewSource _membership;
    private readonly ISiloMessageHandler? _handler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, Task<SiloConnection>> _connections = [];
    private readonly IDisposable _subscription;
    private ClusterMembershipSnapshot _view;
    private bool _disposed;

    /// <summary>Creates the manager for <paramref name="localSilo"/>; <paramref name="handler"/> serves requests a peer sends back over our outbound connections (may be null).</summary>
    public SiloConnectionManager(SiloAddress localSilo, SiloNetworkingOptions options, IMembershipViewSource membership, ISiloMessageHandler? handler = null, TimeProvider? timeProvider = null, ILogger<SiloConnectionManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localSilo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(membership);
        options.Validate();
        _localPreamble = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, options.ClusterId, localSilo);
        _options = options;
        _membership = membership;
        _handler = handler;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SiloConnectionManager>.Instance;
        _view = membership.CurrentSnapshot;
        _subscription = membership.SubscribeToUpdates(OnMembershipUpdate);
    }

    /// <summary>The local silo.</summary>
    public SiloAddress LocalSilo => _localPreamble.SiloAddress;

    /// <summary>Sends a request to <paramref name="target"/> and returns the response body.</summary>
    /// <exception cref="SiloUnavailableException">The silo is known dead or unreachable, or the connection dropped before the answer.</exception>
    /// <exception cref="SiloResponseTimeoutException">No answer within the response timeout; the outcome is unknown.</exception>
    /// <exception cref="RemoteRequestFailedException">The remote handler failed.</exception>
    /// <exception cref="ConnectionRejectedException">The target refused the connection (e.g. another cluster).</exception>
    public async Task<ReadOnlyMemory<byte>> SendRequest(SiloAddress target, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? requestContext = null, FrameFlags flags = FrameFlags.None, CancellationToken cancellationToken = default)
    {
        var connection = await GetConnection(target, cancellationToken).ConfigureAwait(false);
        return await connection.SendRequest(body, requestContext, flags, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a one-way message to <paramref name="target"/>.</summary>
    public async Task SendOneWay(SiloAddress target, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? requestContext = null, FrameFlags flags = FrameFlags.None, CancellationToken cancellationToken = default)
    {
        var connection = await GetConnection(target, cancellationToken).ConfigureAwait(false);
        connection.SendOneWay(body, requestContext, flags);
    }

    /// <summary>Pings <paramref name="target"/>'s transport; the timeout bounds the connect and the answer together.</summary>
    public async Task Ping(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long start = _timeProvider.GetTimestamp();
        var connect = GetConnection(target, bound.Token);
        try
        {
            var connection = await connect.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            var left = timeout - _timeProvider.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                throw new SiloResponseTimeoutException($"Connecting to {target} took longer than {timeout}.");
            }

            await connection.Ping(left, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (e is not SiloResponseTimeoutException)
        {
            bound.Cancel();
            throw new SiloResponseTimeoutException($"Connecting to {target} took longer than {timeout}.", e);
        }
    }

    /// <summary>The open connection to <paramref name="target"/>, opening one if there is none (or the last one closed or failed to open).</summary>
    public Task<SiloConnection> GetConnection(SiloAddress target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Task<SiloConnection> connect;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_view.GetSiloStatus(target) == SiloStatus.Dead)
            {
                return Task.FromException<SiloConnection>(new SiloUnavailableException($"{target} is known to be dead.", notProcessed: true));
            }

            if (_connections.TryGetValue(target, out var existing) && IsUsable(existing))
            {
                return existing;
            }

            // Cancellation of one caller must not cancel a connect that others share, so it only bounds our wait.
            connect = SiloConnection.Connect(target, _localPreamble, _options, _handler, _timeProvider, _logger, CancellationToken.None);
            _connections[target] = connect;
        }

        _ = connect.ContinueWith(t => OnConnected(target, t), TaskScheduler.Default);
        return connect.WaitAsync(cancellationToken);
    }

    /// <summary>Closes the connection to <paramref name="target"/>, failing its pending calls.</summary>
    public void CloseConnection(SiloAddress target, Exception? reason = null)
    {
        Task<SiloConnection>? entry;
        lock (_lock)
        {
            if (!_connections.Remove(target, out entry))
            {
                return;
            }
        }

        if (entry.IsCompletedSuccessfully)
        {
            entry.Result.Abort(reason ?? new SiloUnavailableException($"The connection to {target} was closed locally."));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<Task<SiloConnection>> all;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            all = [.. _connections.Values];
            _connections.Clear();
        }

        _subscription.Dispose();
        await Task.WhenAll(all.Select(CloseGracefully)).ConfigureAwait(false);
    }

    private async Task CloseGracefully(Task<SiloConnection> entry)
    {
        SiloConnection connection;
        try
        {
            connection = await entry.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SiloUnavailableException or ConnectionRejectedException)
        {
            return; // Never opened; nothing to close.
        }

        await connection.CloseGracefully(_options.GracefulCloseTimeout).ConfigureAwait(false);
    }

    // A connection the peer is closing gracefully is replaced; it finishes its pending calls on its own.
    private static bool IsUsable(Task<SiloConnection> entry) =>
        !entry.IsCompleted || (entry.IsCompletedSuccessfully && entry.Result.AcceptsRequests);

    private void OnConnected(SiloAddress target, Task<SiloConnection> connect)
    {
        if (!connect.IsCompletedSuccessfully)
        {
            return;
        }

        var connection = connect.Result;
        bool dead;
        lock (_lock)
        {
            dead = _disposed || _view.GetSiloStatus(target) == SiloStatus.Dead;
        }

        // A view declaring the silo dead may have arrived while we were connecting.
        if (dead)
        {
            connection.Abort(new SiloUnavailableException($"{target} is known to be dead."));
        }
    }

    private void OnMembershipUpdate(ClusterMembershipSnapshot view)
    {
        List<(SiloAddress, Task<SiloConnection>)> toClose = [];
        lock (_lock)
        {
            if (view.Version <= _view.Version && !ReferenceEquals(_view, ClusterMembershipSnapshot.Empty))
            {
                return;
            }

            _view = view;
            foreach (var (silo, entry) in _connections)
            {
                if (view.GetSiloStatus(silo) == SiloStatus.Dead)
                {
                    toClose.Add((silo, entry));
                }
            }

            foreach (var (silo, _) in toClose)
            {
                _connections.Remove(silo);
            }
        }

        foreach (var (silo, entry) in toClose)
        {
            _logger.LogInformation("Closing the connection to {Silo}: membership declares it dead", silo);
            if (entry.IsCompletedSuccessfully)
            {
                entry.Result.Abort(new SiloUnavailableException($"{silo} was declared dead."));
            }
            // A connect still in flight is aborted by OnConnected, which rechecks the view.
        }
    }
}
