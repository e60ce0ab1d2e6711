using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>
/// Read and broadcast access to a Bitcoin node: the best chain, blocks, transactions, UTXOs, fee estimates and tip changes.
/// Implemented in process by <see cref="RegtestNode"/>; grains depend only on this interface.
/// </summary>
public interface IBitcoinSource
{
    /// <summary>The best chain's tip.</summary>
    Task<ChainTip> GetTipAsync(CancellationToken ct = default);

    /// <summary>The best-chain header at <paramref name="height"/>, or <see langword="null"/> above the tip or below zero.</summary>
    Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default);

    /// <summary>Any known header (best chain or not), or <see langword="null"/> when unknown.</summary>
    Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default);

    /// <summary>The serialized block (with witness data), or <see langword="null"/> when unknown.</summary>
    Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default);

    /// <summary>
    /// A transaction in the best chain or the mempool, with its containing block when confirmed;
    /// <see langword="null"/> when unknown.
    /// </summary>
    Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default);

    /// <summary>Submits a transaction to the mempool: its txid, or a typed rejection mirroring bitcoind's reject reasons.</summary>
    Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default);

    /// <summary>
    /// Confirmed unspent outputs paying exactly <paramref name="scriptPubKey"/>; with <paramref name="excludeMempoolSpent"/>,
    /// those already spent by a mempool transaction are left out.
    /// </summary>
    Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default);

    /// <summary>The fee rate expected to confirm within <paramref name="confirmationTarget"/> blocks (never below the min relay fee).</summary>
    Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default);

    /// <summary>
    /// Tip changes (extensions and reorgs) from the moment of the call until <paramref name="ct"/> is cancelled.
    /// Each enumeration has its own unbounded queue, so a slow reader misses nothing.
    /// </summary>
    IAsyncEnumerable<TipChange> WatchTipChangesAsync(CancellationToken ct = default);

    /// <summary>Raised after every tip change, outside the node's lock.</summary>
    event EventHandler<TipChange>? TipChanged;
}
