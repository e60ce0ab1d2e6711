namespace Hemi.Cluster.TestHost.Grains;

/// <summary>The persistent state of a <see cref="CounterGrain"/>: one value, stored as a blob and written under its ETag.</summary>
public sealed class CounterState
{
    /// <summary>The number of increments committed so far.</summary>
    public long Value { get; set; }
}
