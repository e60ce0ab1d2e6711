using System.Collections.Concurrent;

namespace Hemi.Grains.Runtime.Tests.TestInfrastructure;

/// <summary>A DI singleton grains write events to, so tests can observe lifecycle and ordering.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => _events.ToArray();

    public void Record(string value) => _events.Enqueue(value);

    public int Count(string prefix) => _events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}
