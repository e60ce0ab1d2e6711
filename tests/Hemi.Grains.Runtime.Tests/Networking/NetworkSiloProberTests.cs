using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Networking;

[Collection(RealTimeFailureDetectionCollection.Name)]
public sealed class NetworkSiloProberTests
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    // The default ProbeTimeout: a live peer must answer within it even on a loaded test machine.
    private static readonly TimeSpan LiveProbeTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Probe_LiveSilo_Answers()
    {
        await using var pair = LoopbackPair.Start();
        var prober = new NetworkSiloProber(pair.Manager, LiveProbeTimeout);
        await prober.Probe(pair.Server, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await prober.Probe(pair.Server, 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Probe_ClosedListener_Fails()
    {
        await using var pair = LoopbackPair.Start();
        var prober = new NetworkSiloProber(pair.Manager, ProbeTimeout);
        await pair.Listener.DisposeAsync();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => prober.Probe(pair.Server, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(e is SiloUnavailableException or SiloResponseTimeoutException, e.ToString());
    }

    [Fact]
    public async Task Probe_FrozenSilo_TimesOut()
    {
        // A peer that completes the handshake and then stops reading: the connection stays open but nothing answers.
        var (listen, frozen) = SiloConnectionTestAccess.ListenAsPeer();
        using var listening = listen;
        var options = LoopbackPair.Options();
        var serve = Task.Run(async () => (await SiloConnectionTestAccess.AcceptAsPeer(listen, options, frozen)).Socket);

        await using var manager = new SiloConnectionManager(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1), options, new FakeMembershipViewSource());
        var prober = new NetworkSiloProber(manager, ProbeTimeout);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<SiloResponseTimeoutException>(() => prober.Probe(frozen, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        // It waited (the connection decides at 90 % of the probe timeout); it did not fail at once.
        Assert.True(watch.Elapsed >= ProbeTimeout * 0.8, $"failed after {watch.Elapsed}");
        using var held = await serve;
    }

    [Fact]
    public async Task Probe_BusyPeerWhosePongIsLate_CountsItsTrafficAsAnAnswer()
    {
        // A peer that never answers the ping but writes to us after it (responses queued ahead of its pong): it is
        // running. The prober's clock is manual and the window closes only once that traffic has arrived: on the real
        // clock a busy test machine could let the whole window pass before the peer's writer or our reader ran.
        var (listen, busy) = SiloConnectionTestAccess.ListenAsPeer();
        using var listening = listen;
        var options = LoopbackPair.Options();
        var pingArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sendTraffic = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(async () =>
        {
            var (socket, reader, writer) = await SiloConnectionTestAccess.AcceptAsPeer(listen, options, busy);
            using var held = socket;
            while ((await SiloConnectionTestAccess.ReadOneFrame(reader, options.Limits)).Kind != FrameKind.Ping)
            {
            }

            pingArrived.TrySetResult();
            await sendTraffic.Task;
            FrameCodec.Write(writer, new Frame(FrameKind.OneWay, 0, new byte[] { 1 }), options.Limits);
            await writer.FlushAsync();
            // Keeps the connection open and never pongs.
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        var time = new ManualTimeProvider();
        var traffic = new TestMessageHandler();
        await using var manager = new SiloConnectionManager(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1), options, new FakeMembershipViewSource(), traffic, time);
        var prober = new NetworkSiloProber(manager, ProbeTimeout);
        var probe = prober.Probe(busy, 1, CancellationToken.None);
        await pingArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMilliseconds(1)); // the traffic comes after the ping was sent
        sendTraffic.TrySetResult();
        await traffic.OneWayArrived.Task.WaitAsync(TimeSpan.FromSeconds(10)); // read (and time-stamped) by our side

        // The window closes without a pong. Steps, because the caller may arm its timer after the ping left.
        for (int i = 0; i < 20 && !probe.IsCompleted; i++)
        {
            time.Advance(ProbeTimeout);
            await Task.WhenAny(probe, Task.Delay(50));
        }

        await probe.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await serve;
    }

    [Fact]
    public async Task Probe_SiloKnownDead_FailsWithoutConnecting()
    {
        await using var pair = LoopbackPair.Start();
        pair.Membership.Publish((pair.Server, SiloStatus.Dead));
        var prober = new NetworkSiloProber(pair.Manager, ProbeTimeout);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => prober.Probe(pair.Server, 1, CancellationToken.None));
        Assert.Equal(0, pair.Listener.ConnectionCount);
    }
}

/// <summary>Raw peers for transport tests, driven with the public frame codec.</summary>
internal static class SiloConnectionTestAccess
{
    /// <summary>A listening socket on a free loopback port, and the silo address (generation 3) a raw peer there claims.</summary>
    public static (Socket Listen, SiloAddress Address) ListenAsPeer()
    {
        var listen = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listen.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listen.Listen(1);
        return (listen, new SiloAddress((IPEndPoint)listen.LocalEndPoint!, 3));
    }

    /// <summary>Accepts one connection on <paramref name="listen"/>, reads its preamble and accepts it as silo <paramref name="self"/>.</summary>
    public static async Task<(Socket Socket, PipeReader Reader, PipeWriter Writer)> AcceptAsPeer(Socket listen, SiloNetworkingOptions options, SiloAddress self)
    {
        var socket = await listen.AcceptAsync();
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var first = await ReadOneFrame(reader, options.Limits);
        Assert.Equal(FrameKind.Preamble, first.Kind);
        var own = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, options.ClusterId, self);
        FrameCodec.Write(writer, new Frame(FrameKind.PreambleAccepted, 0, own.Encode()), options.Limits);
        await writer.FlushAsync();
        return (socket, reader, writer);
    }

    /// <summary>Reads one frame from a pipe the way a peer would.</summary>
    public static async Task<Frame> ReadOneFrame(PipeReader reader, FrameLimits limits)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            if (FrameCodec.TryRead(ref buffer, limits, out var frame))
            {
                reader.AdvanceTo(buffer.Start);
                return frame;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("closed");
            }
        }
    }
}
