using Hemi.Bitcoin;
using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Finality;

/// <summary>
/// The finality of an L2 keystone as BFG v2 reports it, plus Hemi v1's <c>btc_finality</c> for compatibility.
/// </summary>
/// <param name="Keystone">The keystone asked about.</param>
/// <param name="FinalizedBy">The keystone (itself or a descendant) whose publication gave the confirmations; null if none is published.</param>
/// <param name="BlockHash">The Bitcoin block of that publication.</param>
/// <param name="BlockHeight">Its height (0 when unpublished, as BFG reports).</param>
/// <param name="EffectiveConfirmations">tip − publication height, maximised over the keystone and the descendants searched.</param>
/// <param name="SuperFinality">Whether <paramref name="EffectiveConfirmations"/> reached the superfinality depth.</param>
/// <param name="LegacyBtcFinality">Hemi v1's value: confirmations − 8 over every known descendant, −9 when unpublished, capped at 100.</param>
public sealed record KeystoneFinalityResult(
    L2Keystone Keystone,
    L2Keystone? FinalizedBy,
    Hash256? BlockHash,
    uint BlockHeight,
    uint EffectiveConfirmations,
    bool SuperFinality,
    int LegacyBtcFinality);
