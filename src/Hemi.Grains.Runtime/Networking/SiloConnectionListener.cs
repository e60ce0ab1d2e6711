using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// Accepts silo-to-silo connections: reads the connector's preamble, rejects another cluster or protocol version with
/// a <see cref="FrameKind.PreambleRejected"/> frame, otherwise answers with this silo's preamble and serves the
/// connection (requests go to the <see cref="ISiloMessageHandler"/>, pings are answered directly).
/// </summary>
public sealed class SiloConnectionListener : IAsyncDisposable
{
    private readonly Socket _listenSocket;
    private readonly SiloNetworkingOptions _options;
    private readonly ISiloMessageHandler? _handler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<SiloConnection, bool> _connections = new();
    private readonly Task _acceptLoop;
    private readonly Lock _stopLock = new();
    private int _disposed;
    private volatile bool _clientsDrained;

    private SiloConnectionListener(Socket listenSocket, SiloAddress localSilo, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider timeProvider, ILogger logger)
    {
        _listenSocket = listenSocket;
        LocalSilo = localSilo;
        _options = options;
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = logger;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    /// <summary>This silo's address: the bound endpoint (the real port when bound to 0) and the given generation.</summary>
    public SiloAddress LocalSilo { get; }

    /// <summary>How many inbound connections are established.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds <paramref name="endpoint"/> (port 0 picks a free port) and starts accepting.</summary>
    public static SiloConnectionListener Start(IPEndPoint endpoint, int generation, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var local = new SiloAddress((IPEndPoint)socket.LocalEndPoint!, generation);
        return new SiloConnectionListener(socket, local, options, handler, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Stops accepting and closes every inbound connection gracefully (<see cref="SiloConnection.CloseGracefully"/>):
    /// requests already dispatched are answered, and peers learn for certain which of their requests did not run.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        StopAccepting();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys.Select(c => c.CloseGracefully(_options.GracefulCloseTimeout))).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes every external client's connection gracefully and refuses new ones (<see cref="ConnectionRejectionReason.ShuttingDown"/>),
    /// while silo connections carry on: the first step of a gateway's stop. Calls clients already sent are answered
    /// (this silo still runs them or routes them), later ones are refused unrun, and clients move to another gateway.
    /// </summary>
    public async Task DrainClientsAsync()
    {
        _clientsDrained = true;
        await Task.WhenAll(_connections.Keys.Where(c => c.ClientId is not null).Select(c => c.CloseGracefully(_options.GracefulCloseTimeout))).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops accepting and drops every inbound connection at once, without a GoAway: peers see their pending calls
    /// fail with an unknown outcome, as when this process dies. <see cref="DisposeAsync"/> is the orderly stop.
    /// </summary>
    public void Abort()
    {
        StopAccepting();
        foreach (var connection in _connections.Keys)
        {
            connection.Abort(new ObjectDisposedException(nameof(SiloConnectionListener)));
        }
    }

    private void StopAccepting()
    {
        lock (_stopLock)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
                _listenSocket.Dispose();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                _logger.LogWarning(e, "Accept failed on {Silo}", LocalSilo);
                continue;
            }

            accepted.NoDelay = true;
            _ = Handshake(accepted);
        }
    }

    private async Task Handshake(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.OpenConnectionTimeout);
        try
        {
            var first = await SiloConnection.ReadSingleFrame(reader, SiloConnection.HandshakeLimits, timeout.Token).ConfigureAwait(false);
            if (first.Kind != FrameKind.Preamble)
            {
                throw new ConnectionFramingException($"The first frame must be a preamble, not {first.Kind}.");
            }

            if (ClientPreamble.IsClientPreamble(first.Body.Span))
            {
                await AcceptClient(socket, reader, writer, first, timeout.Token).ConfigureAwait(false);
                return;
            }

            ConnectionPreamble remote;
            try
            {
                remote = ConnectionPreamble.Decode(first.Body.Span);
            }
            catch (ConnectionFramingException e)
            {
                await Reject(writer, ConnectionRejectionReason.MalformedPreamble, e.Message, timeout.Token).ConfigureAwait(false);
                throw;
            }

            if (remote.ProtocolVersion != ConnectionPreamble.CurrentProtocolVersion)
            {
                await Reject(writer, ConnectionRejectionReason.ProtocolVersionMismatch, $"This silo speaks version {ConnectionPreamble.CurrentProtocolVersion}, not {remote.ProtocolVersion}.", timeout.Token).ConfigureAwait(false);
                throw new ConnectionRejectedException(ConnectionRejectionReason.ProtocolVersionMismatch, $"{remote.SiloAddress} speaks protocol {remote.ProtocolVersion}.");
            }

            if (!string.Equals(remote.ClusterId, _options.ClusterId, StringComparison.Ordinal))
            {
                await Reject(writer, ConnectionRejectionReason.ClusterMismatch, $"This silo belongs to cluster '{_options.ClusterId}', not '{remote.ClusterId}'.", timeout.Token).ConfigureAwait(false);
                throw new ConnectionRejectedException(ConnectionRejectionReason.ClusterMismatch, $"{remote.SiloAddress} belongs to cluster '{remote.ClusterId}'.");
            }

            var own = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, _options.ClusterId, LocalSilo);
            FrameCodec.Write(writer, new Frame(FrameKind.PreambleAccepted, 0, own.Encode()), _options.Limits);
            await writer.FlushAsync(timeout.Token).ConfigureAwait(false);

            var connection = SiloConnection.StartAccepted(socket, reader, writer, remote.SiloAddress, _options, _handler, _timeProvider, _logger);
            _connections[connection] = true;
            _ = connection.Closed.ContinueWith(_ => _connections.TryRemove(connection, out bool _), TaskScheduler.Default);
            if (_stopping.IsCancellationRequested)
            {
                connection.Abort(new ObjectDisposedException(nameof(SiloConnectionListener)));
            }
        }
        catch (Exception e)
        {
            _logger.LogInformation(e, "Refused a connection to {Silo}", LocalSilo);
            socket.Dispose();
        }
    }

    /// <summary>The gateway side of an external client's connection: same cluster checks, no membership row.</summary>
    private async Task AcceptClient(Socket socket, PipeReader reader, PipeWriter writer, Frame first, CancellationToken cancellationToken)
    {
        ClientPreamble client;
        try
        {
            client = ClientPreamble.Decode(first.Body.Span);
        }
        catch (ConnectionFramingException e)
        {
            await Reject(writer, ConnectionRejectionReason.MalformedPreamble, e.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (_clientsDrained)
        {
            await Reject(writer, ConnectionRejectionReason.ShuttingDown, "This gateway is shutting down.", cancellationToken).ConfigureAwait(false);
            throw new ConnectionRejectedException(ConnectionRejectionReason.ShuttingDown, $"Client {client.ClientId} refused: shutting down.");
        }

        if (!_options.AcceptClients)
        {
            await Reject(writer, ConnectionRejectionReason.Unspecified, "This silo is not a gateway.", cancellationToken).ConfigureAwait(false);
            throw new ConnectionRejectedException(ConnectionRejectionReason.Unspecified, $"Client {client.ClientId} refused: not a gateway.");
        }

        if (client.ProtocolVersion != ConnectionPreamble.CurrentProtocolVersion)
        {
            await Reject(writer, ConnectionRejectionReason.ProtocolVersionMismatch, $"This silo speaks version {ConnectionPreamble.CurrentProtocolVersion}, not {client.ProtocolVersion}.", cancellationToken).ConfigureAwait(false);
            throw new ConnectionRejectedException(ConnectionRejectionReason.ProtocolVersionMismatch, $"Client {client.ClientId} speaks protocol {client.ProtocolVersion}.");
        }

        if (!string.Equals(client.ClusterId, _options.ClusterId, StringComparison.Ordinal))
        {
            await Reject(writer, ConnectionRejectionReason.ClusterMismatch, $"This silo belongs to cluster '{_options.ClusterId}', not '{client.ClusterId}'.", cancellationToken).ConfigureAwait(false);
            throw new ConnectionRejectedException(ConnectionRejectionReason.ClusterMismatch, $"Client {client.ClientId} wants cluster '{client.ClusterId}'.");
        }

        var own = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, _options.ClusterId, LocalSilo);
        FrameCodec.Write(writer, new Frame(FrameKind.PreambleAccepted, 0, own.Encode()), _options.Limits);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        // A client has no silo address; its endpoint (generation 0) names it in logs and inbound messages.
        var endpoint = socket.RemoteEndPoint as System.Net.IPEndPoint ?? new System.Net.IPEndPoint(System.Net.IPAddress.None, 0);
        var connection = SiloConnection.StartAccepted(socket, reader, writer, new SiloAddress(endpoint, 0), _options, _handler, _timeProvider, _logger, client.ClientId);
        _connections[connection] = true;
        _ = connection.Closed.ContinueWith(_ => _connections.TryRemove(connection, out bool _), TaskScheduler.Default);
        if (_stopping.IsCancellationRequested || _clientsDrained)
        {
            connection.Abort(new ObjectDisposedException(nameof(SiloConnectionListener)));
        }
    }

    private async Task Reject(PipeWriter writer, ConnectionRejectionReason reason, string message, CancellationToken cancellationToken)
    {
        FrameCodec.Write(writer, new Frame(FrameKind.PreambleRejected, 0, SiloConnection.EncodeRejection(reason, message)), _options.Limits);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
