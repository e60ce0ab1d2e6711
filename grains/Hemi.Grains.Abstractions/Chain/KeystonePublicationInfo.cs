namespace Hemi.Grains.Chain;

/// <summary>One PoP publication of a keystone on the indexed chain (hashes in display hex).</summary>
/// <param name="KeystoneHash">The abbreviated keystone's hash.</param>
/// <param name="BlockHash">The Bitcoin block that contains it.</param>
/// <param name="BlockHeight">That block's height.</param>
/// <param name="TxId">The publishing transaction.</param>
/// <param name="TransactionIndex">Its position in the block.</param>
/// <param name="OutputIndex">The OP_RETURN output.</param>
/// <param name="RewardAddress">The PoP miner's reward address (0x hex), when derivable.</param>
public sealed record KeystonePublicationInfo(
    string KeystoneHash,
    string BlockHash,
    int BlockHeight,
    string TxId,
    int TransactionIndex,
    int OutputIndex,
    string? RewardAddress);
