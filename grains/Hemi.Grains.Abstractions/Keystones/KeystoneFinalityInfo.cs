using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>
/// A keystone's finality as BFG v2 reports it (mirrors <c>KeystoneFinalityResult</c> with hashes as display hex so
/// it serializes plainly), plus Hemi v1's <c>btc_finality</c>.
/// </summary>
/// <param name="L2Keystone">The keystone asked about.</param>
/// <param name="FinalizedBy">The keystone (itself or a descendant) whose publication gave the confirmations, or null.</param>
/// <param name="BlockHash">The Bitcoin block of that publication (display hex), or null when unpublished.</param>
/// <param name="BlockHeight">Its height (0 when unpublished).</param>
/// <param name="EffectiveConfirmations">Tip height − publication height.</param>
/// <param name="SuperFinality">Whether the confirmations reached the superfinality depth.</param>
/// <param name="BtcFinality">Hemi v1's legacy value.</param>
/// <param name="TipHeight">The Bitcoin tip the answer was computed at.</param>
public sealed record KeystoneFinalityInfo(
    L2Keystone L2Keystone,
    L2Keystone? FinalizedBy,
    string? BlockHash,
    uint BlockHeight,
    uint EffectiveConfirmations,
    bool SuperFinality,
    int BtcFinality,
    int TipHeight);
