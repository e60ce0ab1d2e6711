namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>How a test drives counter grains from outside the silos (the chaos test's "clients").</summary>
public interface ICounterClient : IAsyncDisposable
{
    /// <summary>What kind of client this is (for the test output).</summary>
    string Description { get; }

    /// <summary>Increments counter <paramref name="key"/>; returns the new, stored value. Any exception = outcome unknown.</summary>
    Task<long> IncrementAsync(string key);

    /// <summary>The counter's value as its activation holds it.</summary>
    Task<long> GetAsync(string key);

    /// <summary>The silo hosting the counter's activation (address text).</summary>
    Task<string> WhereAsync(string key);
}
