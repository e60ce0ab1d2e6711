using System.Globalization;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// An <see cref="ICounterClient"/> that asks a running silo of the cluster (a random one per call) to make the call
/// with its own in-silo client, through the control channel; the silo routes it to wherever the grain lives.
/// </summary>
public sealed class SiloRoutedCounterClient(ProcessCluster cluster, int seed) : ICounterClient
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();

    /// <inheritdoc/>
    public string Description => "calls routed by a random running silo (control channel)";

    /// <inheritdoc/>
    public async Task<long> IncrementAsync(string key) => ParseLong(await Pick().SendAsync($"increment {key}", TimeSpan.FromSeconds(45)));

    /// <inheritdoc/>
    public async Task<long> GetAsync(string key) => ParseLong(await Pick().SendAsync($"get {key}", TimeSpan.FromSeconds(45)));

    /// <inheritdoc/>
    public Task<string> WhereAsync(string key) => Pick().SendAsync($"where {key}", TimeSpan.FromSeconds(45));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private SiloProcess Pick()
    {
        var running = cluster.Running.Where(s => !s.IsFrozen).ToList();
        if (running.Count == 0)
        {
            throw new InvalidOperationException("No silo is running.");
        }

        lock (_gate)
        {
            return running[_random.Next(running.Count)];
        }
    }

    private static long ParseLong(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
