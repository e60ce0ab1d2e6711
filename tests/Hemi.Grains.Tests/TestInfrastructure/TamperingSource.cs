using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Grains.Tests.TestInfrastructure;

/// <summary>An <see cref="IBitcoinSource"/> over a real node that can corrupt best-chain headers or raw blocks, to test a grain's defences.</summary>
public sealed class TamperingSource(IBitcoinSource inner) : IBitcoinSource
{
    public Func<ChainHeader, ChainHeader>? TamperHeader { get; set; }

    public Func<Hash256, byte[], byte[]>? TamperBlock { get; set; }

    public event EventHandler<TipChange>? TipChanged
    {
        add => inner.TipChanged += value;
        remove => inner.TipChanged -= value;
    }

    public Task<ChainTip> GetTipAsync(CancellationToken ct = default) => inner.GetTipAsync(ct);

    public async Task<ChainHeader?> GetHeaderAsync(int height, CancellationToken ct = default)
    {
        var header = await inner.GetHeaderAsync(height, ct);
        return header is not null && TamperHeader is { } tamper ? tamper(header) : header;
    }

    public Task<ChainHeader?> GetHeaderAsync(Hash256 blockHash, CancellationToken ct = default) => inner.GetHeaderAsync(blockHash, ct);

    public async Task<byte[]?> GetRawBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        var raw = await inner.GetRawBlockAsync(blockHash, ct);
        return raw is not null && TamperBlock is { } tamper ? tamper(blockHash, raw) : raw;
    }

    public Task<TransactionInfo?> GetTransactionAsync(Hash256 txId, CancellationToken ct = default) => inner.GetTransactionAsync(txId, ct);

    public Task<BroadcastResult> BroadcastAsync(Transaction transaction, CancellationToken ct = default) => inner.BroadcastAsync(transaction, ct);

    public Task<IReadOnlyList<Utxo>> GetUtxosAsync(ReadOnlyMemory<byte> scriptPubKey, bool excludeMempoolSpent = true, CancellationToken ct = default) =>
        inner.GetUtxosAsync(scriptPubKey, excludeMempoolSpent, ct);

    public Task<FeeRate> EstimateFeeAsync(int confirmationTarget, CancellationToken ct = default) => inner.EstimateFeeAsync(confirmationTarget, ct);

    public IAsyncEnumerable<TipChange> WatchTipChangesAsync(CancellationToken ct = default) => inner.WatchTipChangesAsync(ct);
}
