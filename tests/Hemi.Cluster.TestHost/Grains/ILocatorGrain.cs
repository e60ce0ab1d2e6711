using Hemi.Grains.Runtime;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>A stateless grain that says where it runs: spread checks and call-rate benchmarks.</summary>
public interface ILocatorGrain : IGrainWithStringKey
{
    /// <summary>The silo hosting this activation.</summary>
    Task<string> WhereAreYou();

    /// <summary>Returns <paramref name="value"/> + 1 (the cheapest call that still carries an argument and a result).</summary>
    Task<int> Ping(int value);
}
