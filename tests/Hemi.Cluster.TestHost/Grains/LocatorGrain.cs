using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>The <see cref="ILocatorGrain"/> implementation (grain type <c>locator</c>).</summary>
public sealed class LocatorGrain(ILocalSiloDetails silo) : Grain, ILocatorGrain
{
    /// <inheritdoc/>
    public Task<string> WhereAreYou() => Task.FromResult(SiloAddressText.Format(silo.SiloAddress));

    /// <inheritdoc/>
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
