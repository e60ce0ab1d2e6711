using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Pop;

/// <summary>One PoP output found in a Bitcoin transaction.</summary>
/// <param name="TxId">The publishing transaction.</param>
/// <param name="TransactionIndex">Its position in the block (0 is the coinbase, never scanned).</param>
/// <param name="OutputIndex">The OP_RETURN output carrying the keystone.</param>
/// <param name="Keystone">The published abbreviated keystone.</param>
/// <param name="RewardAddress">Where the miner's reward goes, when the first input allows deriving it.</param>
public sealed record PopPublication(
    Hash256 TxId,
    int TransactionIndex,
    int OutputIndex,
    L2KeystoneAbrev Keystone,
    Address? RewardAddress)
{
    /// <summary>The keystone hash (internal order; <c>ToString()</c> gives the display form).</summary>
    public Hash256 KeystoneHash => Keystone.GetHash();
}
