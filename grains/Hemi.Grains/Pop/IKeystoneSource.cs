using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Pop;

/// <summary>
/// Where a PoP miner discovers keystones (popm's <c>kss_getLatestKeystones</c>): the silo's keystone registry when the
/// miner runs inside the silo, or a remote silo's JSON-RPC when it runs as its own process. Register one in DI (keyed
/// by miner id, or unkeyed for every miner); without one a miner reads its configured registry grain.
/// </summary>
public interface IKeystoneSource
{
    /// <summary>The newest <paramref name="count"/> keystones (1..50), highest L2 block number first.</summary>
    Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count, CancellationToken ct = default);
}
