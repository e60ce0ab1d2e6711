using Hemi.Bitcoin.Node.Client;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Bitcoin.Node.Tests.TestSupport;

namespace Hemi.Bitcoin.Node.Tests.Client;

/// <summary>An in-process regtest node, its RPC server, and a <see cref="BitcoindRpcClient"/> pointed at it.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private ClientHarness(ManualTimeProvider time, RegtestNode node, RegtestRpcServer server, BitcoindRpcClient client)
    {
        Time = time;
        Node = node;
        Server = server;
        Client = client;
    }

    public ManualTimeProvider Time { get; }

    public RegtestNode Node { get; }

    public RegtestRpcServer Server { get; }

    public BitcoindRpcClient Client { get; }

    public static async Task<ClientHarness> StartAsync(HttpMessageHandler? handler = null, Action<BitcoindRpcOptions>? configure = null)
    {
        var time = new ManualTimeProvider();
        var node = await NodeFixture.CreateAsync(time);
        var server = await RegtestRpcServer.StartAsync(node);
        var options = Options(server.Endpoint);
        configure?.Invoke(options);
        return new ClientHarness(time, node, server, new BitcoindRpcClient(options, handler));
    }

    public static BitcoindRpcOptions Options(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Timeout = TimeSpan.FromSeconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(4),
        PollInterval = TimeSpan.FromMilliseconds(20),
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Node.DisposeAsync();
    }
}
