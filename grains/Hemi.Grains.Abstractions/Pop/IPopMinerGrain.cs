using Hemi.Grains.Runtime;

namespace Hemi.Grains.Pop;

/// <summary>
/// A popm v2 PoP miner (key: miner id, whose named <c>PopMinerOptions</c> hold its key and fee policy): publishes the
/// latest keystones of the registry to Bitcoin, one transaction per keystone, and follows each one until it is mined.
/// </summary>
public interface IPopMinerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Optional lower bound: from now on only <paramref name="keystoneHash"/> (display hex) and keystones with a higher L2
    /// number are mined. Not needed to start mining: every pass discovers the latest <c>LatestKeystones</c> keystones
    /// from the keystone source (the registry's <c>GetLatestAsync</c> in a silo).
    /// </summary>
    Task FollowAsync(string keystoneHash);

    /// <summary>
    /// One miner-loop pass (the grain timer runs the same pass): discovers keystones, marks published ones Mined, signs,
    /// persists and broadcasts the others, and re-broadcasts persisted transactions. A keystone's failure (funds, fee,
    /// node, broadcast) is recorded on its entry, not thrown; a missing key or a failing chain grain fails the pass; a
    /// failing keystone source throws <see cref="KeystoneDiscoveryException"/> after the rest of the pass ran.
    /// </summary>
    Task<IReadOnlyList<PopMinerEntry>> MineAsync();

    /// <summary>The tracked keystones, ascending by L2 block number.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PopMinerEntry>> GetStateAsync();
}
