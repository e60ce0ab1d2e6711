using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>Closing a connection with GoAway: no call is lost, and callers learn which calls never ran.</summary>
public sealed class GracefulCloseTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);

    /// <summary>A request the server has dispatched and holds, then the server's stop, up to the point its GoAway arrived.</summary>
    private static async Task<(SiloConnection Connection, Task<ReadOnlyMemory<byte>> Blocked, Task Stop)> StopWhileARequestRuns(LoopbackPair pair)
    {
        var connection = await pair.Manager.GetConnection(pair.Server);
        var blocked = connection.SendRequest("block"u8.ToArray());
        await pair.Handler.BlockedRequestArrived.Task.WaitAsync(Prompt);
        var stop = pair.Listener.DisposeAsync().AsTask();
        Assert.True(await Eventually.TrueAsync(() => !connection.AcceptsRequests, Prompt), "the peer's GoAway arrived");
        return (connection, blocked, stop);
    }

    [Fact]
    public async Task ListenerStop_AnswersARequestItAlreadyDispatched_ThenCloses()
    {
        await using var pair = LoopbackPair.Start();
        var (connection, blocked, stop) = await StopWhileARequestRuns(pair);

        Assert.False(stop.IsCompleted, "the listener waits for the dispatched request");
        Assert.False(connection.IsClosed);

        pair.Handler.Release();
        Assert.Equal("released", Encoding.UTF8.GetString((await blocked.WaitAsync(Prompt)).Span));
        await stop.WaitAsync(Prompt);
        await connection.Closed.WaitAsync(Prompt);
    }

    [Fact]
    public async Task PeerGoingAway_NewRequestFailsAsNotProcessed_WithoutBeingSent()
    {
        await using var pair = LoopbackPair.Start();
        var (connection, blocked, stop) = await StopWhileARequestRuns(pair);

        var e = await Assert.ThrowsAsync<SiloUnavailableException>(() => connection.SendRequest(TestMessageHandler.Echo("late"u8)));
        Assert.True(e.NotProcessed);
        pair.Handler.Release();
        await blocked.WaitAsync(Prompt);
        await stop.WaitAsync(Prompt);
        Assert.Equal(0, pair.Handler.Echoes);
    }

    [Fact]
    public async Task RequestsStreamingWhileTheListenerStops_AreEachAnsweredOrCertainlyNotProcessed()
    {
        await using var pair = LoopbackPair.Start();
        await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("warm-up"u8));
        int sent = 0;

        // Each sender streams until the stop reaches it: one refusal (unrun) ends it.
        async Task<(int Answered, int Refused)> Stream(int sender)
        {
            int answered = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                var payload = Encoding.UTF8.GetBytes($"{sender}-{i}");
                Interlocked.Increment(ref sent);
                try
                {
                    var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo(payload));
                    Assert.True(answer.Span.SequenceEqual(payload));
                    answered++;
                }
                catch (SiloUnavailableException e)
                {
                    // Nothing is ambiguous: the call was refused, never sent, or could not connect.
                    Assert.True(e.NotProcessed, e.ToString());
                    return (answered, 1);
                }
            }

            return (answered, 0);
        }

        var streams = Enumerable.Range(0, 16).Select(Stream).ToArray();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref sent) > 2_000, Prompt), "the senders are streaming");
        await pair.Listener.DisposeAsync().AsTask().WaitAsync(Prompt);
        var results = await Task.WhenAll(streams).WaitAsync(Prompt);

        Assert.All(results, r => Assert.True(r.Refused > 0, "every sender saw the silo leave"));
        Assert.Equal(pair.Handler.Echoes - 1, results.Sum(r => r.Answered)); // each request that ran was answered
    }

    [Fact]
    public async Task FrozenPeer_DoesNotHoldAGracefulCloseBeyondItsBound()
    {
        // A peer silo that completes the handshake and then neither reads nor ends its side.
        var options = LoopbackPair.Options();
        options.GracefulCloseTimeout = TimeSpan.FromMilliseconds(300);
        var listener = SiloConnectionListener.Start(new IPEndPoint(IPAddress.Loopback, 0), 2, options, new TestMessageHandler());
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(listener.LocalSilo.Endpoint);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var frozen = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, options.ClusterId, new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1));
        FrameCodec.Write(writer, new Frame(FrameKind.Preamble, 0, frozen.Encode()), options.Limits);
        await writer.FlushAsync();
        Assert.Equal(FrameKind.PreambleAccepted, (await SiloConnectionTestAccess.ReadOneFrame(reader, options.Limits).WaitAsync(Prompt)).Kind);
        Assert.True(await Eventually.TrueAsync(() => listener.ConnectionCount == 1, Prompt), "the listener serves the connection");

        var watch = Stopwatch.StartNew();
        await listener.DisposeAsync().AsTask().WaitAsync(Prompt);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"closed after {watch.Elapsed}, before the bound");
        Assert.Equal(FrameKind.GoAway, (await SiloConnectionTestAccess.ReadOneFrame(reader, options.Limits).WaitAsync(Prompt)).Kind);
    }

    [Fact]
    public async Task PeerThatAnnouncesGoAway_ButNeverCloses_IsCutOffAfterTwiceTheBound()
    {
        var (listen, lingering) = SiloConnectionTestAccess.ListenAsPeer();
        using var listening = listen;
        var options = LoopbackPair.Options();
        options.GracefulCloseTimeout = TimeSpan.FromMilliseconds(200);
        var serve = Task.Run(async () =>
        {
            var (socket, _, writer) = await SiloConnectionTestAccess.AcceptAsPeer(listen, options, lingering);
            FrameCodec.Write(writer, new Frame(FrameKind.GoAway, 0, ReadOnlyMemory<byte>.Empty), options.Limits);
            await writer.FlushAsync();
            return socket;
        });

        await using var manager = new SiloConnectionManager(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1), options, new FakeMembershipViewSource());
        var connection = await manager.GetConnection(lingering).WaitAsync(Prompt);
        using var held = await serve;
        var watch = Stopwatch.StartNew();

        var reason = await connection.Closed.WaitAsync(Prompt);

        Assert.IsType<SiloUnavailableException>(reason);
        Assert.Contains("did not close it", reason!.Message);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"cut off after {watch.Elapsed}");
    }

    [Fact]
    public void Options_RejectANonPositiveCloseBound()
    {
        var options = LoopbackPair.Options();
        options.GracefulCloseTimeout = TimeSpan.Zero;
        Assert.Throws<ArgumentException>(options.Validate);
    }
}
