using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>
/// Every known keystone of one L2 chain (key: <see cref="KeystoneRegistry.DefaultKey"/>), ordered by L2 block number,
/// so a keystone's descendants can be found for finality inheritance.
/// </summary>
public interface IKeystoneRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds a keystone; adding a known one again is a no-op.</summary>
    Task RegisterAsync(L2Keystone keystone);

    /// <summary>
    /// The keystone with hash <paramref name="keystoneHash"/> (display hex) followed by every known keystone with a
    /// higher L2 block number, ascending; empty when the keystone is unknown.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<L2Keystone>> GetChainFromAsync(string keystoneHash);

    /// <summary>
    /// The newest <paramref name="count"/> keystones (highest L2 block number first, as op-geth's
    /// <c>kss_getLatestKeystones</c> lists them); fewer when fewer are known. Throws
    /// <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ <paramref name="count"/> ≤ <see cref="KeystoneRegistry.MaxLatestCount"/>.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<L2Keystone>> GetLatestAsync(int count);

    /// <summary>Number of known keystones.</summary>
    [ReadOnly]
    Task<int> GetCountAsync();
}
