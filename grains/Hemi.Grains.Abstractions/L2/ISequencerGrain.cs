using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.Runtime;

namespace Hemi.Grains.L2;

/// <summary>
/// The Bitcoin-Secure Sequencer of one L2 chain (key: chain id): the only writer of the chain. It admits checked user
/// transactions, seals a block on a timer (Bitcoin attributes transaction first, Bitcoin tip in the header), writes each
/// block create-only, emits a keystone every period, snapshots the world state and rebuilds it on activation.
/// State queries take an optional block number; <see langword="null"/> means the latest sealed block.
/// </summary>
public interface ISequencerGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the sequencer and its block timer (idempotent); returns the head.</summary>
    Task<ChainHead> StartAsync();

    /// <summary>
    /// Queues a transaction whose sender its <see cref="IAccountGrain"/> recovered and checked; returns its hash.
    /// Throws <see cref="TransactionRejectedException"/> (already known, nonce too low, pool full, …).
    /// </summary>
    Task<Hash32> AdmitAsync(SubmittedTransaction transaction);

    /// <summary>
    /// Queues checked transactions in list order, each as <see cref="AdmitAsync"/> would (one call for many senders:
    /// see the account grains' admission batcher); one outcome per transaction, in the same order. Throws only when the
    /// sequencer cannot admit anything (fenced).
    /// </summary>
    Task<IReadOnlyList<AdmissionOutcome>> AdmitBatchAsync(IReadOnlyList<SubmittedTransaction> transactions);

    /// <summary>Builds and seals the next block now from the queued transactions (the timer does the same); returns the new head.</summary>
    Task<ChainHead> SealBlockAsync();

    /// <summary>The latest sealed block.</summary>
    [ReadOnly]
    Task<ChainHead> GetHeadAsync();

    /// <summary>The number of the sealed block with this hash, or null.</summary>
    [ReadOnly]
    Task<ulong?> GetBlockNumberAsync(Hash32 blockHash);

    /// <summary>Where a transaction is: sealed (block and index), pending (queued, not yet sealed), or null when unknown.</summary>
    [ReadOnly]
    Task<TransactionLocation?> GetTransactionLocationAsync(Hash32 transactionHash);

    /// <summary>A queued, not yet sealed transaction, or null.</summary>
    [ReadOnly]
    Task<SubmittedTransaction?> GetPendingTransactionAsync(Hash32 transactionHash);

    /// <summary>The next nonce of <paramref name="address"/> counting queued transactions.</summary>
    [ReadOnly]
    Task<ulong> GetPendingNonceAsync(Address address);

    /// <summary>An account at a block. Throws <see cref="StateUnavailableException"/> when that block's state is not held.</summary>
    [ReadOnly]
    Task<AccountSnapshot> GetAccountAsync(Address address, ulong? blockNumber);

    /// <summary>One storage slot (32-byte word) at a block.</summary>
    [ReadOnly]
    Task<Hash32> GetStorageAtAsync(Address address, Hash32 slot, ulong? blockNumber);

    /// <summary>An EIP-1186 proof of the account and slots against that block's state root.</summary>
    [ReadOnly]
    Task<AccountProof> GetProofAsync(Address address, IReadOnlyList<Hash32> storageKeys, ulong? blockNumber);

    /// <summary>Executes a call against a block's state without changing it (<c>eth_call</c>, hVM precompiles included).</summary>
    [ReadOnly]
    Task<CallOutcome> CallAsync(CallRequest request, ulong? blockNumber);

    /// <summary>The gas a call or transfer needs on top of the latest state (<c>eth_estimateGas</c>); throws <see cref="CallRevertedException"/> when it fails at any gas.</summary>
    [ReadOnly]
    Task<ulong> EstimateGasAsync(CallRequest request);
}
