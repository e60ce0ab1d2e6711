using System.Collections.Concurrent;
using System.Text;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>
/// Answers "echo:" requests with the body after the prefix, "context:KEY" with that request context value (UTF-8),
/// "fail" with an exception and "block" not until <see cref="Release"/>; records one-way messages.
/// </summary>
public sealed class TestMessageHandler : ISiloMessageHandler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _echoes;

    public ConcurrentQueue<InboundSiloMessage> OneWays { get; } = new();

    /// <summary>How many "echo:" requests reached the handler.</summary>
    public int Echoes => Volatile.Read(ref _echoes);

    public TaskCompletionSource OneWayArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource BlockedRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static byte[] Echo(ReadOnlySpan<byte> payload) => [.. "echo:"u8, .. payload];

    public void Release() => _release.TrySetResult();

    public async ValueTask<ReadOnlyMemory<byte>> HandleRequest(InboundSiloMessage request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (body.Span.StartsWith("echo:"u8))
        {
            Interlocked.Increment(ref _echoes);
            return body[5..];
        }

        if (body.Span.StartsWith("context:"u8))
        {
            var key = Encoding.UTF8.GetString(body.Span[8..]);
            return request.RequestContext?.GetValueOrDefault(key) switch
            {
                string s => Encoding.UTF8.GetBytes("s:" + s),
                byte[] b => (byte[])[.. "b:"u8, .. b],
                _ => "none"u8.ToArray(),
            };
        }

        if (body.Span.SequenceEqual("block"u8))
        {
            BlockedRequestArrived.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return "released"u8.ToArray();
        }

        throw new InvalidOperationException("handler failure on purpose");
    }

    public ValueTask HandleOneWay(InboundSiloMessage message, CancellationToken cancellationToken)
    {
        OneWays.Enqueue(message);
        OneWayArrived.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
