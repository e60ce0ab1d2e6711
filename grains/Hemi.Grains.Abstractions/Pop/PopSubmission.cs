namespace Hemi.Grains.Pop;

/// <summary>One PoP publication as the PoP indexer saw it (hashes in display hex; hex without 0x unless noted).</summary>
/// <param name="TxId">The publishing Bitcoin transaction.</param>
/// <param name="TxHex">Its serialization.</param>
/// <param name="BlockHash">The block that contains it.</param>
/// <param name="BlockHeight">That block's height.</param>
/// <param name="TransactionIndex">The transaction's position in the block.</param>
/// <param name="OutputIndex">The OP_RETURN output carrying the keystone.</param>
/// <param name="KeystoneHash">The abbreviated keystone's hash.</param>
/// <param name="KeystoneAbrevHex">The 76-byte abbreviated keystone.</param>
/// <param name="MinerPublicKey">The compressed public key of the first input's scriptSig, when it has popm's shape.</param>
/// <param name="RewardAddress">That key's Ethereum address (0x hex), where the PoP reward goes; null when not derivable.</param>
/// <param name="FirstPublicationHeight">The height of the keystone's first publication on the indexed chain.</param>
/// <param name="RelativeBlock">Blocks after the first publication (0 for the first one itself).</param>
/// <param name="WithinPayoutWindow">Whether <paramref name="RelativeBlock"/> is below <see cref="PopPayout.MaximumBtcPublicationDelay"/>.</param>
/// <param name="Indexed">False once a reorg took the block off the indexed chain.</param>
public sealed record PopSubmission(
    string TxId,
    string TxHex,
    string BlockHash,
    int BlockHeight,
    int TransactionIndex,
    int OutputIndex,
    string KeystoneHash,
    string KeystoneAbrevHex,
    string? MinerPublicKey,
    string? RewardAddress,
    int FirstPublicationHeight,
    int RelativeBlock,
    bool WithinPayoutWindow,
    bool Indexed)
{
    /// <summary>Whether the publication earns a reward: indexed, inside the payout window, with a derivable reward address.</summary>
    public bool IsRewardEligible => Indexed && WithinPayoutWindow && RewardAddress is not null;
}
