using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>The <see cref="ISlowGrain"/> implementation (grain type <c>slow</c>); reentrant so many calls wait at once.</summary>
[Reentrant]
public sealed class SlowGrain(ILocalSiloDetails silo) : Grain, ISlowGrain
{
    /// <inheritdoc/>
    public async Task<string> Sleep(int milliseconds)
    {
        await Task.Delay(Math.Clamp(milliseconds, 0, 600_000));
        return SiloAddressText.Format(silo.SiloAddress);
    }
}
