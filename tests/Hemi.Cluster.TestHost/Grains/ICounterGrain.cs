using Hemi.Grains.Runtime;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>
/// A persistent counter on Azure Blob storage. Every write is conditional on the ETag this activation read or wrote
/// last, so a stale activation (a zombie silo, a lost duplicate) cannot commit.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds one and writes the state; returns the new value once it is stored. With <paramref name="expectedCurrent"/>,
    /// fails with <see cref="CounterMismatchException"/> (nothing written) unless the current value equals it.
    /// </summary>
    Task<long> Increment(long? expectedCurrent);

    /// <summary>The value of this activation (read from storage at activation).</summary>
    [ReadOnly]
    Task<long> Get();

    /// <summary>The silo hosting this activation.</summary>
    [ReadOnly]
    Task<string> WhereAreYou();

    /// <summary>
    /// Starts a timer that increments and writes every <paramref name="periodMilliseconds"/>; each outcome is printed
    /// as a host event (the frozen-silo test watches for the rejected write of a zombie).
    /// </summary>
    Task StartTicking(int periodMilliseconds);
}
