using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Assembly;

namespace Hemi.Silo.Chain;

/// <summary>
/// What the gateway needs from the chain: the sequencer's reads and writes, sealed blocks, keystones and Bitcoin
/// finality. The silo implements it over grains (<see cref="GrainL2Chain"/>); tests can substitute their own.
/// Block numbers of <see langword="null"/> mean the latest sealed block.
/// </summary>
public interface IL2Chain
{
    ulong ChainId { get; }

    Task<ChainHead> GetHeadAsync();

    Task<SealedL2Block?> GetBlockAsync(ulong number);

    Task<ulong?> GetBlockNumberAsync(Hash32 blockHash);

    Task<TransactionLocation?> GetTransactionLocationAsync(Hash32 transactionHash);

    Task<SubmittedTransaction?> GetPendingTransactionAsync(Hash32 transactionHash);

    Task<ulong> GetPendingNonceAsync(Address address);

    Task<AccountSnapshot> GetAccountAsync(Address address, ulong? blockNumber);

    Task<Hash32> GetStorageAtAsync(Address address, Hash32 slot, ulong? blockNumber);

    Task<AccountProof> GetProofAsync(Address address, IReadOnlyList<Hash32> storageKeys, ulong? blockNumber);

    Task<CallOutcome> CallAsync(CallRequest request, ulong? blockNumber);

    Task<ulong> EstimateGasAsync(CallRequest request);

    /// <summary>Throws <see cref="TransactionRejectedException"/>.</summary>
    Task<Hash32> SendRawTransactionAsync(byte[] rawTransaction);

    /// <summary>The newest keystones, newest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count);

    /// <summary>The keystone with this hash (display hex) then its known descendants ascending; empty when unknown.</summary>
    Task<IReadOnlyList<L2Keystone>> GetKeystoneChainAsync(string keystoneHash, int maxDescendants);

    /// <summary>The keystone of keystone block <paramref name="keystoneBlockNumber"/> when it is registered, else null.</summary>
    Task<L2Keystone?> FindKeystoneByBlockAsync(ulong keystoneBlockNumber);

    /// <summary>BFG-v2 finality of a keystone, or null when unknown.</summary>
    Task<KeystoneFinalityInfo?> GetKeystoneFinalityAsync(string keystoneHash);

    /// <summary>The indexed Bitcoin tip.</summary>
    Task<BitcoinTip> GetBitcoinTipAsync();
}
