using System.Net;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>A listening silo (B) on a free loopback port and a connection manager for a client silo (A).</summary>
public sealed class LoopbackPair : IAsyncDisposable
{
    private LoopbackPair(SiloConnectionListener listener, SiloConnectionManager manager, TestMessageHandler handler, FakeMembershipViewSource membership)
    {
        Listener = listener;
        Manager = manager;
        Handler = handler;
        Membership = membership;
    }

    public SiloConnectionListener Listener { get; private set; }

    public SiloConnectionManager Manager { get; }

    public TestMessageHandler Handler { get; }

    public FakeMembershipViewSource Membership { get; }

    public SiloAddress Server => Listener.LocalSilo;

    public static SiloNetworkingOptions Options(string clusterId = "test-cluster") => new() { ClusterId = clusterId };

    public static LoopbackPair Start(SiloNetworkingOptions? serverOptions = null, SiloNetworkingOptions? clientOptions = null, TimeProvider? clientTime = null)
    {
        var handler = new TestMessageHandler();
        var listener = SiloConnectionListener.Start(new IPEndPoint(IPAddress.Loopback, 0), 2, serverOptions ?? Options(), handler);
        var membership = new FakeMembershipViewSource();
        var client = new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1);
        var manager = new SiloConnectionManager(client, clientOptions ?? Options(), membership, null, clientTime);
        return new LoopbackPair(listener, manager, handler, membership);
    }

    /// <summary>Restarts the server at the same endpoint and generation (a process that came back before being declared dead).</summary>
    public async Task RestartServer()
    {
        var endpoint = Listener.LocalSilo.Endpoint;
        await Listener.DisposeAsync();
        Listener = SiloConnectionListener.Start(endpoint, Listener.LocalSilo.Generation, Options(), Handler);
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        await Listener.DisposeAsync();
    }
}
