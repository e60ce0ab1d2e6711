using System.Net;
using System.Net.Sockets;
using System.Text;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Networking;

public sealed class SiloConnectionManagerTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendRequest_ManyConcurrentRequests_EachGetsItsOwnResponse()
    {
        await using var pair = LoopbackPair.Start();
        var calls = Enumerable.Range(0, 2000).Select(async i =>
        {
            var payload = Encoding.UTF8.GetBytes($"request-{i}-" + new string('x', i % 300));
            var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo(payload));
            return answer.Span.SequenceEqual(payload);
        }).ToArray();

        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(results, Assert.True);
        Assert.Equal(1, pair.Listener.ConnectionCount);
    }

    [Fact]
    public async Task SendRequest_LargeBody_RoundTrips()
    {
        await using var pair = LoopbackPair.Start();
        var payload = new byte[4 * 1024 * 1024];
        new Random(5).NextBytes(payload);
        var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo(payload));
        Assert.True(answer.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task SendRequest_PropagatesRequestContextStringsAndBytes()
    {
        await using var pair = LoopbackPair.Start();
        var context = new Dictionary<string, object?> { ["trace"] = "t-123", ["blob"] = new byte[] { 0, 255, 7 }, ["nothing"] = null };
        var text = await pair.Manager.SendRequest(pair.Server, "context:trace"u8.ToArray(), context);
        var bytes = await pair.Manager.SendRequest(pair.Server, "context:blob"u8.ToArray(), context);
        var absent = await pair.Manager.SendRequest(pair.Server, "context:trace"u8.ToArray());
        Assert.Equal("s:t-123", Encoding.UTF8.GetString(text.Span));
        Assert.Equal([(byte)'b', (byte)':', 0, 255, 7], bytes.ToArray());
        Assert.Equal("none", Encoding.UTF8.GetString(absent.Span));
    }

    [Fact]
    public async Task SendRequest_HandlerThrows_GivesRemoteRequestFailed_AndConnectionStaysUp()
    {
        await using var pair = LoopbackPair.Start();
        var e = await Assert.ThrowsAsync<RemoteRequestFailedException>(() => pair.Manager.SendRequest(pair.Server, "fail"u8.ToArray()));
        Assert.Contains("on purpose", e.Message);
        var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("ok"u8));
        Assert.Equal("ok", Encoding.UTF8.GetString(answer.Span));
    }

    [Fact]
    public async Task SendRequest_UnsupportedContextValue_FailsOnlyThatCall()
    {
        await using var pair = LoopbackPair.Start();
        await Assert.ThrowsAsync<ArgumentException>(() => pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("x"u8), new Dictionary<string, object?> { ["n"] = 5 }));
        var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("after"u8));
        Assert.Equal("after", Encoding.UTF8.GetString(answer.Span));
    }

    [Fact]
    public async Task SendOneWay_IsDeliveredWithItsContext()
    {
        await using var pair = LoopbackPair.Start();
        await pair.Manager.SendOneWay(pair.Server, "hello"u8.ToArray(), new Dictionary<string, object?> { ["k"] = "v" }, FrameFlags.ReadOnly);
        await pair.Handler.OneWayArrived.Task.WaitAsync(Prompt);
        var message = Assert.Single(pair.Handler.OneWays);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("v", message.RequestContext!["k"]);
        Assert.Equal(FrameFlags.ReadOnly, message.Flags);
        Assert.Equal(pair.Manager.LocalSilo, message.Sender);
    }

    [Fact]
    public async Task Connect_ForeignCluster_IsRejectedWithTypedReason()
    {
        await using var pair = LoopbackPair.Start(serverOptions: LoopbackPair.Options("cluster-b"), clientOptions: LoopbackPair.Options("cluster-a"));
        var e = await Assert.ThrowsAsync<ConnectionRejectedException>(() => pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("x"u8)));
        Assert.Equal(ConnectionRejectionReason.ClusterMismatch, e.Reason);
        Assert.Equal(0, pair.Listener.ConnectionCount);
    }

    [Fact]
    public async Task Connect_AnotherGenerationAtTheEndpoint_IsRejectedAsUnexpectedSilo()
    {
        await using var pair = LoopbackPair.Start();
        var older = pair.Server with { Generation = pair.Server.Generation - 1 };
        var e = await Assert.ThrowsAsync<ConnectionRejectedException>(() => pair.Manager.SendRequest(older, TestMessageHandler.Echo("x"u8)));
        Assert.Equal(ConnectionRejectionReason.UnexpectedSilo, e.Reason);
    }

    [Fact]
    public async Task SendRequest_NoAnswer_TimesOutAfterThirtySecondsOfProviderTime()
    {
        var time = new ManualTimeProvider();
        await using var pair = LoopbackPair.Start(clientTime: time);
        var call = pair.Manager.SendRequest(pair.Server, "block"u8.ToArray());
        await pair.Handler.BlockedRequestArrived.Task.WaitAsync(Prompt);
        await Task.Delay(100); // lets the caller arm its timer right after queueing the frame

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.False(call.IsCompleted);

        // Normally one step fires the timer; further steps only cover a caller that armed it late on a loaded machine.
        for (int step = 0; step < 20 && !call.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.WhenAny(call, Task.Delay(50));
        }

        await Assert.ThrowsAsync<SiloResponseTimeoutException>(() => call.WaitAsync(Prompt));

        // The late answer is dropped; the connection keeps serving (no retry was made, no state leaked).
        pair.Handler.Release();
        var answer = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("next"u8));
        Assert.Equal("next", Encoding.UTF8.GetString(answer.Span));
    }

    [Fact]
    public async Task SendRequest_ToSiloKnownDead_FailsImmediatelyWithoutConnecting()
    {
        await using var pair = LoopbackPair.Start();
        pair.Membership.Publish((pair.Server, SiloStatus.Dead));
        var e = await Assert.ThrowsAsync<SiloUnavailableException>(() => pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("x"u8)));
        Assert.Contains("dead", e.Message);
        Assert.Equal(0, pair.Listener.ConnectionCount);
    }

    [Fact]
    public async Task SendRequest_ToSupersededGeneration_FailsImmediately()
    {
        await using var pair = LoopbackPair.Start();
        var newer = pair.Server with { Generation = pair.Server.Generation + 1 };
        pair.Membership.Publish((newer, SiloStatus.Active));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("x"u8)));
    }

    [Fact]
    public async Task MembershipDeclaringPeerDead_FailsPendingCallsAndClosesTheConnection()
    {
        await using var pair = LoopbackPair.Start();
        pair.Membership.Publish((pair.Server, SiloStatus.Active));
        var call = pair.Manager.SendRequest(pair.Server, "block"u8.ToArray());
        await pair.Handler.BlockedRequestArrived.Task.WaitAsync(Prompt);

        pair.Membership.Publish((pair.Server, SiloStatus.Dead));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Prompt));
        Assert.True(await Eventually.TrueAsync(() => pair.Listener.ConnectionCount == 0));
    }

    [Fact]
    public async Task KilledPeer_FailsPendingCallsPromptly()
    {
        await using var pair = LoopbackPair.Start();
        var calls = Enumerable.Range(0, 20).Select(_ => pair.Manager.SendRequest(pair.Server, "block"u8.ToArray())).ToArray();
        await pair.Handler.BlockedRequestArrived.Task.WaitAsync(Prompt);

        await pair.Listener.DisposeAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Prompt));
        }
    }

    [Fact]
    public async Task PeerRestart_NextCallReconnects()
    {
        await using var pair = LoopbackPair.Start();
        var first = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("one"u8));
        var oldConnection = await pair.Manager.GetConnection(pair.Server);

        await pair.Listener.DisposeAsync();
        Assert.True(await Eventually.TrueAsync(() => oldConnection.IsClosed));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("down"u8)));

        await pair.RestartServer();
        var again = await pair.Manager.SendRequest(pair.Server, TestMessageHandler.Echo("two"u8));
        Assert.Equal("one", Encoding.UTF8.GetString(first.Span));
        Assert.Equal("two", Encoding.UTF8.GetString(again.Span));
        Assert.NotSame(oldConnection, await pair.Manager.GetConnection(pair.Server));
    }

    [Fact]
    public async Task Listener_ClosesConnectionOnGarbage()
    {
        await using var pair = LoopbackPair.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(pair.Server.Endpoint);
        var garbage = FrameCodecTests.Prefix(FrameKind.Preamble, 0, 0, int.MaxValue);
        await raw.SendAsync(garbage);
        var buffer = new byte[64];
        int read = await raw.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Prompt);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task Listener_RefusesOversizedPreambleBeforeBufferingIt()
    {
        await using var pair = LoopbackPair.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(pair.Server.Endpoint);
        // Within the 16 MiB body limit of established connections, but far above any preamble.
        await raw.SendAsync(FrameCodecTests.Prefix(FrameKind.Preamble, 0, 0, 1 << 20));
        var buffer = new byte[64];
        int read = await raw.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Prompt);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task Listener_AnswersForeignPreambleWithRejectionFrame()
    {
        await using var pair = LoopbackPair.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(pair.Server.Endpoint);
        var preamble = new ConnectionPreamble(ConnectionPreamble.CurrentProtocolVersion, "elsewhere", new SiloAddress(new IPEndPoint(IPAddress.Loopback, 9), 1));
        await raw.SendAsync(FrameCodec.Encode(new Frame(FrameKind.Preamble, 0, preamble.Encode()), FrameLimits.Default));

        using var stream = new NetworkStream(raw);
        var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(Prompt);
        var frame = FrameCodec.Decode(received.ToArray(), FrameLimits.Default);
        Assert.Equal(FrameKind.PreambleRejected, frame.Kind);
        Assert.Equal((byte)ConnectionRejectionReason.ClusterMismatch, frame.Body.Span[0]);
    }

    [Fact]
    public async Task Connection_RequestOnWrongFirstFrameKind_IsRefused()
    {
        await using var pair = LoopbackPair.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(pair.Server.Endpoint);
        await raw.SendAsync(FrameCodec.Encode(new Frame(FrameKind.Request, 1, TestMessageHandler.Echo("sneaky"u8)), FrameLimits.Default));
        var buffer = new byte[64];
        int read = await raw.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Prompt);
        Assert.Equal(0, read);
        Assert.Equal(0, pair.Listener.ConnectionCount);
    }
}
