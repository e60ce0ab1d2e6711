using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;

namespace Hemi.Grains.Tests.Pop;

/// <summary>
/// An <see cref="IBitcoinSource"/> over a real node whose broadcasts fail as <see cref="BroadcastFaults"/> says
/// (shared across silo restarts, so one plan spans them), recording every broadcast's bytes there.
/// </summary>
public sealed class FlakyBroadcastSource(IBitcoinSource inner, BroadcastFaults faults) : IBitcoinSource
{
    public event EventHandler<TipChange>? TipChanged
    {
        add => inner.TipChanged += value;
        remove => inner.TipChanged -= value;
    }

    public async Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default)
    {
        if (!faults.Record(Hex.Encode(transaction.ToBytes())))
        {
            return await inner.BroadcastAsync(transaction, ct);
        }

        if (faults.FailAfterSending)
        {
            await inner.BroadcastAsync(transaction, ct);
        }

        throw new IOException("simulated broadcast failure");
    }

    public Task<ChainTip> GetTipAsync(CancellationToken ct = default) => inner.GetTipAsync(ct);

    public Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default) => inner.GetHeaderAsync(height, ct);

    public Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default) => inner.GetHeaderAsync(blockHash, ct);

    public Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default) => inner.GetRawBlockAsync(blockHash, ct);

    public Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default) => inner.GetTransactionAsync(txId, ct);

    public Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default) =>
        inner.GetUtxosAsync(scriptPubKey, excludeMempoolSpent, ct);

    public Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default) => inner.EstimateFeeAsync(confirmationTarget, ct);

    public IAsyncEnumerable<TipChange> WatchTipChangesAsync(CancellationToken ct = default) => inner.WatchTipChangesAsync(ct);
}
