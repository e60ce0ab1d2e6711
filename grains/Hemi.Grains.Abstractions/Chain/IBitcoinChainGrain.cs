using Hemi.Grains.Runtime;

namespace Hemi.Grains.Chain;

/// <summary>
/// Follows one Bitcoin network's best chain (key: network name, e.g. "regtest") from an <c>IBitcoinSource</c>,
/// indexes its blocks (PoP publications among them) and answers where keystones were published.
/// </summary>
public interface IBitcoinChainGrain : IGrainWithStringKey
{
    /// <summary>Reads new headers and blocks from the source now (connecting and disconnecting as it reorgs) and returns the indexed tip.</summary>
    Task<BitcoinTip> RefreshAsync();

    /// <summary>The highest indexed block (height −1 before any block is indexed).</summary>
    [ReadOnly]
    Task<BitcoinTip> GetTipAsync();

    /// <summary>The highest validated header of the source's best chain (may be ahead of <see cref="GetTipAsync"/>).</summary>
    [ReadOnly]
    Task<BitcoinTip> GetHeaderTipAsync();

    /// <summary>The first publication of a keystone (hash in display hex) on the indexed chain, or null.</summary>
    [ReadOnly]
    Task<KeystonePublicationInfo?> GetFirstPublicationAsync(string keystoneHash);

    /// <summary>Every publication of a keystone on the indexed chain, lowest block first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<KeystonePublicationInfo>> GetPublicationsAsync(string keystoneHash);

    /// <summary>The first publications of several keystones and the tip they were read at, as one consistent snapshot.</summary>
    [ReadOnly]
    Task<PublicationSnapshot> GetFirstPublicationsAsync(IReadOnlyList<string> keystoneHashes);

    /// <summary>
    /// The publications of a keystone that earn PoP rewards (sequencer payouts): on the indexed chain, fewer than
    /// <c>PopPayout.MaximumBtcPublicationDelay</c> blocks after its first publication, with a derivable reward address;
    /// lowest block first. Empty when the keystone is unpublished.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<PopRewardPublication>> GetRewardPublicationsAsync(string keystoneHash);
}
