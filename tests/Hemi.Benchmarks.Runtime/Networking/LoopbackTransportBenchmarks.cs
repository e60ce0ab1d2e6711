using System.Net;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Benchmarks.Runtime.Networking;

/// <summary>
/// Request/response throughput of 1 KiB bodies, <see cref="Concurrency"/> in flight: over one loopback TCP connection
/// of the silo transport versus an in-memory <see cref="Channel{T}"/> round trip (the floor: no framing, no socket).
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks.Runtime -- --filter '*LoopbackTransport*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LoopbackTransportBenchmarks
{
    private const int Concurrency = 256;
    private const int RequestsPerOperation = 4096;
    private readonly byte[] _body = new byte[1024];
    private SiloConnectionListener _listener = null!;
    private SiloConnectionManager _manager = null!;
    private Channel<(ReadOnlyMemory<byte> Body, TaskCompletionSource<ReadOnlyMemory<byte>> Answer)> _channel = null!;
    private Task _responder = Task.CompletedTask;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SiloNetworkingOptions { ClusterId = "bench" };
        _listener = SiloConnectionListener.Start(new IPEndPoint(IPAddress.Loopback, 0), 1, options, new EchoHandler());
        _manager = new SiloConnectionManager(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1), options, new StaticView());
        _manager.SendRequest(_listener.LocalSilo, _body).GetAwaiter().GetResult();

        _channel = Channel.CreateUnbounded<(ReadOnlyMemory<byte>, TaskCompletionSource<ReadOnlyMemory<byte>>)>(new UnboundedChannelOptions { SingleReader = true });
        _responder = Task.Run(async () =>
        {
            await foreach (var (body, answer) in _channel.Reader.ReadAllAsync())
            {
                answer.TrySetResult(body);
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel.Writer.Complete();
        _responder.GetAwaiter().GetResult();
        _manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerOperation)]
    public Task InMemoryChannelRoundTrip() => Run(() =>
    {
        var answer = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _channel.Writer.TryWrite((_body, answer));
        return answer.Task;
    });

    [Benchmark(OperationsPerInvoke = RequestsPerOperation)]
    public Task LoopbackTcpRoundTrip() => Run(() => _manager.SendRequest(_listener.LocalSilo, _body));

    private static async Task Run(Func<Task<ReadOnlyMemory<byte>>> call)
    {
        var workers = new Task[Concurrency];
        for (int w = 0; w < Concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (int i = 0; i < RequestsPerOperation / Concurrency; i++)
                {
                    var answer = await call().ConfigureAwait(false);
                    if (answer.Length != 1024)
                    {
                        throw new InvalidOperationException("Wrong echo.");
                    }
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private sealed class EchoHandler : ISiloMessageHandler
    {
        public ValueTask<ReadOnlyMemory<byte>> HandleRequest(InboundSiloMessage request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Body);

        public ValueTask HandleOneWay(InboundSiloMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class StaticView : IMembershipViewSource
    {
        public ClusterMembershipSnapshot CurrentSnapshot => ClusterMembershipSnapshot.Empty;

        public IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate) => new CancellationTokenSource();
    }
}
