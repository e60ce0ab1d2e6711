using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// One established, preamble-checked connection to <see cref="RemoteSilo"/>. Frames are read and written over
/// <see cref="System.IO.Pipelines"/>; outgoing frames queue in a channel drained by one writer loop so concurrent
/// senders batch into few flushes. Requests sent here are correlated by id; when the connection closes for any
/// reason every pending call fails at once with <see cref="SiloUnavailableException"/>. Nothing is ever resent.
/// <see cref="CloseGracefully"/> drains instead: the peer learns (<see cref="FrameKind.GoAway"/>) to send nothing
/// new, every request that still arrives is answered <see cref="FrameKind.Refused"/>, requests already dispatched are
/// answered, and only then does the socket close. A caller therefore learns for certain, through
/// <see cref="SiloUnavailableException.NotProcessed"/>, which of its calls never ran.
/// </summary>
public sealed partial class SiloConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SiloNetworkingOptions _options;
    private readonly FrameLimits _limits;
    private readonly ISiloMessageHandler? _handler;
    private readonly TimeProvider _timeProvider;
    private long _lastReceivedTimestamp;
    private readonly ILogger _logger;
    private readonly Channel<Frame> _outbound = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Frame>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _peerEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _handlersDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextCorrelationId;
    private int _goAwaySent;
    private int _handlersRunning;
    private volatile bool _peerGoingAway;
    private volatile bool _readerLeftOpen;
    private volatile bool _writerLeftOpen;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    private SiloConnection(Socket socket, PipeReader reader, PipeWriter writer, SiloAddress remoteSilo, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _reader = reader;
        _writer = writer;
        RemoteSilo = remoteSilo;
        _options = options;
        _limits = options.Limits;
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Limits during the handshake: no header section and a body no larger than a rejection (1 + 1024 bytes), so an
    /// unauthenticated peer cannot make us buffer a full-size frame.
    /// </summary>
    internal static FrameLimits HandshakeLimits { get; } = new(0, 1 + 1024);

    /// <summary>The silo at the other end, as its preamble stated.</summary>
    public SiloAddress RemoteSilo { get; }

    /// <summary>The external client at the other end of an accepted gateway connection; null between silos.</summary>
    public string? ClientId { get; private init; }

    /// <summary>True once the connection has closed; it is never reopened.</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>
    /// True while new requests may be sent here: the connection is open and neither end has started closing it
    /// (<see cref="FrameKind.GoAway"/>). A connection that stops accepting finishes its pending calls, then closes.
    /// </summary>
    public bool AcceptsRequests => !IsClosed && !_peerGoingAway && Volatile.Read(ref _goAwaySent) == 0;

    /// <summary>Completes when the connection closes, with the cause (null for a local, orderly close).</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>
    /// Connects to <paramref name="target"/>, sends <paramref name="localPreamble"/> and waits for the listener's
    /// answer. Throws <see cref="ConnectionRejectedException"/> when refused (or when another silo answers),
    /// <see cref="SiloUnavailableException"/> when unreachable or too slow.
    /// </summary>
    public static Task<SiloConnection> Connect(SiloAddress target, ConnectionPreamble localPreamble, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider timeProvider, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(localPreamble);
        ArgumentNullException.ThrowIfNull(options);
        return Connect(target, localPreamble.Encode(), matchGeneration: true, options, handler, timeProvider, logger, cancellationToken);
    }

    /// <summary>
    /// Connects an external client to the gateway at <paramref name="gateway"/> with a <see cref="ClientPreamble"/>.
    /// With <paramref name="matchGeneration"/> false any generation answering at the endpoint is accepted (static
    /// gateway lists know endpoints only); <see cref="RemoteSilo"/> is then the silo that answered.
    /// </summary>
    public static Task<SiloConnection> ConnectClient(SiloAddress gateway, ClientPreamble preamble, bool matchGeneration, SiloNetworkingOptions options, TimeProvider timeProvider, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(preamble);
        ArgumentNullException.ThrowIfNull(options);
        return Connect(gateway, preamble.Encode(), matchGeneration, options, handler: null, timeProvider, logger, cancellationToken);
    }

    private static async Task<SiloConnection> Connect(SiloAddress target, byte[] localPreamble, bool matchGeneration, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider timeProvider, ILogger? logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OpenConnectionTimeout);
        try
        {
            await socket.ConnectAsync(target.Endpoint, timeout.Token).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = PipeReader.Create(stream);
            var writer = PipeWriter.Create(stream);
            FrameCodec.Write(writer, new Frame(FrameKind.Preamble, 0, localPreamble), options.Limits);
            await writer.FlushAsync(timeout.Token).ConfigureAwait(false);

            var answer = await ReadSingleFrame(reader, HandshakeLimits, timeout.Token).ConfigureAwait(false);
            switch (answer.Kind)
            {
                case FrameKind.PreambleAccepted:
                    var remote = ConnectionPreamble.Decode(answer.Body.Span);
                    if (matchGeneration ? remote.SiloAddress != target : !remote.SiloAddress.Endpoint.Equals(target.Endpoint))
                    {
                        throw new ConnectionRejectedException(ConnectionRejectionReason.UnexpectedSilo, $"Expected {target} but {remote.SiloAddress} answered.");
                    }

                    var connection = new SiloConnection(socket, reader, writer, remote.SiloAddress, options, handler, timeProvider, logger ?? NullLogger.Instance);
                    connection.Start();
                    return connection;
                case FrameKind.PreambleRejected:
                    var (reason, message) = DecodeRejection(answer.Body.Span);
                    throw new ConnectionRejectedException(reason, $"{target} rejected the connection ({reason}): {message}");
                default:
                    throw new ConnectionFramingException($"Expected a preamble answer, got {answer.Kind}.");
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ConnectionFramingException)
        {
            socket.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SiloUnavailableException($"Cannot connect to {target}: {e.Message}", notProcessed: true, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wraps an accepted socket whose preamble the listener has already checked and answered.</summary>
    internal static SiloConnection StartAccepted(Socket socket, PipeReader reader, PipeWriter writer, SiloAddress remote, SiloNetworkingOptions options, ISiloMessageHandler? handler, TimeProvider timeProvider, ILogger logger, string? clientId = null)
    {
        var connection = new SiloConnection(socket, reader, writer, remote, options, handler, timeProvider, logger) { ClientId = clientId };
        connection.Start();
        return connection;
    }

    /// <summary>Reads exactly one frame (used for the handshake, before the loops start).</summary>
    internal static async Task<Frame> ReadSingleFrame(PipeReader reader, FrameLimits limits, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameCodec.TryRead(ref buffer, limits, out var frame))
            {
                reader.AdvanceTo(buffer.Start);
                return frame;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new ConnectionFramingException("The peer closed the connection during the handshake.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Encodes a rejection body: reason byte, then a UTF-8 message of at most 1 KiB.</summary>
    internal static byte[] EncodeRejection(ConnectionRejectionReason reason, string message)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(message);
        var body = new byte[1 + Math.Min(text.Length, 1024)];
        body[0] = (byte)reason;
        text.AsSpan(0, body.Length - 1).CopyTo(body.AsSpan(1));
        return body;
    }

    private static (ConnectionRejectionReason Reason, string Message) DecodeRejection(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (ConnectionRejectionReason.Unspecified, "");
        }

        var reason = Enum.IsDefined((ConnectionRejectionReason)body[0]) ? (ConnectionRejectionReason)body[0] : ConnectionRejectionReason.Unspecified;
        var text = body[1..];
        return (reason, System.Text.Encoding.UTF8.GetString(text[..Math.Min(text.Length, 1024)]));
    }

    /// <summary>Sends a request and waits for its response body, at most <paramref name="timeout"/> (default: the options' response timeout).</summary>
    public async Task<ReadOnlyMemory<byte>> SendRequest(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? requestContext = null, FrameFlags flags = FrameFlags.None, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var answer = await Exchange(FrameKind.Request, body, requestContext, flags, timeout ?? _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        return answer.Kind switch
        {
            FrameKind.Response => answer.Body,
            FrameKind.ErrorResponse => throw new RemoteRequestFailedException($"{RemoteSilo}: {System.Text.Encoding.UTF8.GetString(answer.Body.Span)}"),
            FrameKind.Refused => throw new SiloUnavailableException($"{RemoteSilo} is closing the connection and did not dispatch the request.", notProcessed: true),
            _ => throw new ConnectionFramingException($"Unexpected answer {answer.Kind} to a request."),
        };
    }

    /// <summary>Pings the remote transport; completes when it answered within <paramref name="timeout"/>.</summary>
    /// <remarks>
    /// Anything the peer sent after the ping also counts as an answer: under heavy traffic the pong can sit behind a
    /// long queue of responses on either side, and a peer whose transport is writing to us is running. A frozen,
    /// crashed or partitioned peer sends nothing, so it still fails.
    /// </remarks>
    public async Task Ping(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long sentAt = _timeProvider.GetTimestamp();
        try
        {
            await Exchange(FrameKind.Ping, ReadOnlyMemory<byte>.Empty, null, FrameFlags.None, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SiloResponseTimeoutException) when (Volatile.Read(ref _lastReceivedTimestamp) > sentAt && !IsClosed)
        {
        }
    }

    /// <summary>Queues a one-way message (no response, no delivery guarantee).</summary>
    public void SendOneWay(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? requestContext = null, FrameFlags flags = FrameFlags.None)
    {
        ThrowIfClosed();
        Enqueue(new Frame(FrameKind.OneWay, 0, body, requestContext, flags));
    }

    /// <summary>Closes the connection and fails every pending call with <see cref="SiloUnavailableException"/> carrying <paramref name="reason"/>.</summary>
    public void Abort(Exception? reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        // Stop output before cancelling handlers, so a cancelled handler's error answer never reaches the peer.
        _outbound.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _closing.Cancel();
        _socket.Dispose();
        var failure = new SiloUnavailableException($"The connection to {RemoteSilo} closed{(reason is null ? "" : ": " + reason.Message)}", reason ?? new ObjectDisposedException(nameof(SiloConnection)));
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.TrySetException(failure);
            }
        }

        if (reason is not null)
        {
            _logger.LogDebug(reason, "Connection to {Silo} closed", RemoteSilo);
        }
    }

    /// <summary>
    /// Closes the connection without losing a call to it: tells the peer (<see cref="FrameKind.GoAway"/>), refuses
    /// every request that arrives from then on, waits until the peer has ended its side and the requests already
    /// dispatched are answered, then closes. After <paramref name="timeout"/> it closes regardless, failing what is
    /// still pending.
    /// </summary>
    public async Task CloseGracefully(TimeSpan timeout)
    {
        if (IsClosed)
        {
            await DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (Interlocked.Exchange(ref _goAwaySent, 1) == 0)
        {
            // Dispatch counts a request before it checks the flag, so a count of zero read after setting it is final.
            if (Volatile.Read(ref _handlersRunning) == 0)
            {
                _handlersDrained.TrySetResult();
            }

            try
            {
                Enqueue(new Frame(FrameKind.GoAway, 0, ReadOnlyMemory<byte>.Empty));
            }
            catch (SiloUnavailableException)
            {
                // Closed meanwhile (or the peer is already going away and stopped our output): nothing to announce.
            }
        }

        long start = _timeProvider.GetTimestamp();
        try
        {
            await Task.WhenAny(Task.WhenAll(_peerEnded.Task, _handlersDrained.Task), _closed.Task).WaitAsync(timeout, _timeProvider).ConfigureAwait(false);

            // Let the writer put the last answers on the wire before the socket closes.
            _outbound.Writer.TryComplete();
            var left = timeout - _timeProvider.GetElapsedTime(start);
            if (left > TimeSpan.Zero)
            {
                await _writeLoop.WaitAsync(left, _timeProvider).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(RemoteSilo, timeout);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile.
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Abort(null);
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        _closing.Dispose();
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoop);
        _writeLoop = Task.Run(WriteLoop);
    }

    private async Task<Frame> Exchange(FrameKind kind, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? context, FrameFlags flags, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (kind == FrameKind.Request && !AcceptsRequests)
        {
            throw new SiloUnavailableException($"The connection to {RemoteSilo} is closing; the request was not sent.", notProcessed: true);
        }

        long id = Interlocked.Increment(ref _nextCorrelationId);
        var call = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = call;
        // The connection may have closed between the check and the registration; Abort would then have missed us.
        if (IsClosed)
        {
            _pending.TryRemove(id, out _);
            ThrowIfClosed();
        }

        try
        {
            Enqueue(new Frame(kind, id, body, context, flags));
            return await call.Task.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.Task.IsCompleted)
        {
            throw new SiloResponseTimeoutException($"No answer from {RemoteSilo} to {kind} #{id} within {timeout}; the outcome is unknown.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private void Enqueue(Frame frame)
    {
        // Validate sizes on the caller's thread so an oversized message fails its own call, not the connection.
        if (frame.Body.Length > _limits.MaxBodyLength)
        {
            throw new ArgumentException($"The body has {frame.Body.Length} bytes; the limit is {_limits.MaxBodyLength}.");
        }

        if (!_outbound.Writer.TryWrite(frame))
        {
            ThrowIfClosed();
            throw new SiloUnavailableException($"The connection to {RemoteSilo} is closing; the frame was not sent.", notProcessed: true);
        }
    }

    // After an abort the writer may still hold bytes it can no longer send; completing it tries to flush them.
    private async ValueTask CompleteWriterQuietly()
    {
        try
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    // For frames the transport answers itself: once output has stopped (closed, or the peer is going away) there is
    // nobody left to tell, and that must not fail the read loop.
    private void TryEnqueue(Frame frame) => _outbound.Writer.TryWrite(frame);

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new SiloUnavailableException($"The connection to {RemoteSilo} is closed.", notProcessed: true, _closed.Task.Result ?? new ObjectDisposedException(nameof(SiloConnection)));
        }
    }

    private async Task ReadLoop()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Volatile.Write(ref _lastReceivedTimestamp, _timeProvider.GetTimestamp());
                }

                while (FrameCodec.TryRead(ref buffer, _limits, out var frame))
                {
                    Dispatch(frame);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted && buffer.IsEmpty && Volatile.Read(ref _goAwaySent) == 1)
                {
                    // The peer ended its side after our GoAway: nothing more will arrive. CloseGracefully closes.
                    // The reader stays open: completing it would dispose the stream our last answers go out on.
                    _readerLeftOpen = true;
                    _peerEnded.TrySetResult();
                    return;
                }

                if (result.IsCompleted)
                {
                    failure = buffer.IsEmpty
                        ? new IOException($"{RemoteSilo} closed the connection.")
                        : new ConnectionFramingException($"{RemoteSilo} closed the connection inside a frame.");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }

        Abort(failure ?? new IOException("The connection was closed."));
        await _reader.CompleteAsync().ConfigureAwait(false);
        if (_writerLeftOpen)
        {
            await CompleteWriterQuietly().ConfigureAwait(false);
        }
    }

    private async Task WriteLoop()
    {
        Exception? failure = null;
        try
        {
            var frames = _outbound.Reader;
            while (await frames.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                while (frames.TryRead(out var frame))
                {
                    try
                    {
                        FrameCodec.Write(_writer, frame, _limits);
                    }
                    catch (ArgumentException e) when (frame.CorrelationId != 0 && _pending.TryRemove(frame.CorrelationId, out var call))
                    {
                        // Only this call is at fault (e.g. an unsupported request context value); the prefix was not written.
                        call.TrySetException(e);
                    }
                }

                var flush = await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }

            if (_peerGoingAway && !IsClosed)
            {
                // Everything queued before the peer's GoAway is written: end our side and keep reading its answers
                // until it closes. The writer stays open (completing it would dispose the stream we read from); the
                // read loop completes it.
                _writerLeftOpen = true;
                _socket.Shutdown(SocketShutdown.Send);
                _ = CloseIfPeerLingers();
                return;
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }

        // A graceful close ends here once the last answers are written.
        Abort(failure ?? (Volatile.Read(ref _goAwaySent) == 1 ? null : new IOException("The connection was closed.")));
        await CompleteWriterQuietly().ConfigureAwait(false);
        if (_readerLeftOpen)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Dispatch(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Response or FrameKind.ErrorResponse or FrameKind.Pong or FrameKind.Refused:
                // A late answer (after its caller timed out) finds no entry and is dropped.
                if (_pending.TryRemove(frame.CorrelationId, out var call))
                {
                    call.TrySetResult(frame);
                }

                break;
            case FrameKind.Ping:
                TryEnqueue(new Frame(FrameKind.Pong, frame.CorrelationId, ReadOnlyMemory<byte>.Empty));
                break;
            case FrameKind.Request:
                // Counted before the flag is read: see CloseGracefully.
                Interlocked.Increment(ref _handlersRunning);
                if (Volatile.Read(ref _goAwaySent) == 1)
                {
                    HandlerFinished();
                    TryEnqueue(new Frame(FrameKind.Refused, frame.CorrelationId, ReadOnlyMemory<byte>.Empty));
                    break;
                }

                _ = HandleRequest(frame);
                break;
            case FrameKind.GoAway:
                // No new requests from us; the write loop ends our side once what is queued is written.
                _peerGoingAway = true;
                _outbound.Writer.TryComplete();
                break;
            case FrameKind.OneWay:
                _ = HandleOneWay(frame);
                break;
            default:
                throw new ConnectionFramingException($"Unexpected {frame.Kind} frame on an established connection.");
        }
    }

    // The peer bounds its own drain by its GracefulCloseTimeout; one that announced GoAway and then froze must not
    // hold this socket (and the calls pending on it) forever.
    private async Task CloseIfPeerLingers()
    {
        try
        {
            await _closed.Task.WaitAsync(_options.GracefulCloseTimeout * 2, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abort(new SiloUnavailableException($"{RemoteSilo} announced it was closing the connection but did not close it within {_options.GracefulCloseTimeout * 2}."));
        }
    }

    private void HandlerFinished()
    {
        if (Interlocked.Decrement(ref _handlersRunning) == 0 && Volatile.Read(ref _goAwaySent) == 1)
        {
            _handlersDrained.TrySetResult();
        }
    }

    private async Task HandleRequest(Frame frame)
    {
        try
        {
            Frame answer;
            try
            {
                if (_handler is null)
                {
                    throw new InvalidOperationException("This endpoint does not accept requests.");
                }

                await Task.Yield();
                var result = await _handler.HandleRequest(new InboundSiloMessage(RemoteSilo, frame.Flags, frame.RequestContext, frame.Body, ClientId), _closing.Token).ConfigureAwait(false);
                answer = new Frame(FrameKind.Response, frame.CorrelationId, result);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var text = $"{e.GetType().Name}: {e.Message}";
                answer = new Frame(FrameKind.ErrorResponse, frame.CorrelationId, System.Text.Encoding.UTF8.GetBytes(text.Length > 4096 ? text[..4096] : text));
            }

            try
            {
                Enqueue(answer);
            }
            catch (Exception e) when (e is SiloUnavailableException or ArgumentException)
            {
                if (e is ArgumentException)
                {
                    Enqueue(new Frame(FrameKind.ErrorResponse, frame.CorrelationId, System.Text.Encoding.UTF8.GetBytes(e.Message)));
                }
            }
        }
        finally
        {
            // After the answer is queued, so a graceful close that sees the count reach zero writes it out.
            HandlerFinished();
        }
    }

    private async Task HandleOneWay(Frame frame)
    {
        if (_handler is null)
        {
            return;
        }

        try
        {
            await Task.Yield();
            await _handler.HandleOneWay(new InboundSiloMessage(RemoteSilo, frame.Flags, frame.RequestContext, frame.Body, ClientId), _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "One-way message from {Silo} failed", RemoteSilo);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Closing the connection to {Silo} gracefully took longer than {Timeout}; closed it regardless")]
    private partial void LogCloseTimedOut(SiloAddress silo, TimeSpan timeout);
}
