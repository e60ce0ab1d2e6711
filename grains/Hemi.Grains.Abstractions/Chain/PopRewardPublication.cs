namespace Hemi.Grains.Chain;

/// <summary>A reward-eligible publication of a keystone (hashes in display hex).</summary>
/// <param name="TxId">The publishing transaction.</param>
/// <param name="OutputIndex">Its PoP output.</param>
/// <param name="BlockHash">The block that contains it.</param>
/// <param name="BlockHeight">That block's height.</param>
/// <param name="RelativeBlock">Blocks after the keystone's first publication (0..8).</param>
/// <param name="RewardAddress">The miner's reward address (0x hex).</param>
public sealed record PopRewardPublication(
    string TxId,
    int OutputIndex,
    string BlockHash,
    int BlockHeight,
    int RelativeBlock,
    string RewardAddress);
