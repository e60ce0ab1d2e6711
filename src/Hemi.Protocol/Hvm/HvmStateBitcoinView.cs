using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.Hvm;

/// <summary>
/// An <see cref="IBitcoinView"/> whose headers come from the world state itself: the tip and the raw headers the 0x7C
/// transactions stored in the hVM state contract (<see cref="HvmStateLayout"/>). Header queries (0x44, 0x45) are answered
/// from that; transaction, UTXO and balance queries go to <paramref name="indexes"/> (the grain layer's Bitcoin index),
/// or throw <see cref="BitcoinViewUnavailableException"/> when there is none.
/// </summary>
/// <remarks>
/// Heights are not stored on chain, so the first recorded header is anchored at <paramref name="firstHeaderHeight"/> (the
/// hVM genesis height of the network) and every later header gets its parent's height + 1; a recorded header whose
/// parent was never recorded is ignored. The canonical chain is the recorded tip's ancestry. Like op-geth, whose
/// indexes trail the header-only node by <c>hVMIndexerTipLag</c> = 2, the best header is the tip minus
/// <paramref name="indexerTipLag"/> blocks; heights above it are not served.
/// The view reads the state once, on first use: build one per block (it is cheap to keep for that block's calls).
/// </remarks>
public sealed class HvmStateBitcoinView(WorldState state, uint firstHeaderHeight, Network network, IBitcoinView? indexes = null, uint indexerTipLag = HvmStateBitcoinView.HvmIndexerTipLag)
    : IBitcoinView
{
    /// <summary>op-geth's <c>hVMIndexerTipLag</c>: the full node's indexes are this many blocks behind the header tip.</summary>
    public const uint HvmIndexerTipLag = 2;

    private readonly WorldState _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly IBitcoinView? _indexes = indexes;
    private Index? _index;

    public Network Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>The recorded tip (no lag applied), or <see langword="null"/> when nothing connected is recorded.</summary>
    public HvmHeaderRecord? GetRecordedTip() => Load().Canonical is { Count: > 0 } chain ? chain[^1] : null;

    public HvmHeaderRecord? GetBestHeader()
    {
        var chain = Load().Canonical;
        return chain.Count > indexerTipLag ? chain[chain.Count - 1 - (int)indexerTipLag] : null;
    }

    public HvmHeaderRecord? GetHeaderByHeight(uint height)
    {
        var best = GetBestHeader();
        if (best is null || height < firstHeaderHeight || height > best.Height)
        {
            return null;
        }

        return Load().Canonical[(int)(height - firstHeaderHeight)];
    }

    public HvmHeaderRecord? GetHeaderByHash(Hash256 hash) => Load().ByHash.GetValueOrDefault(hash);

    public HvmTransactionRecord? GetTransaction(Hash256 txId) => Indexes("transaction lookups").GetTransaction(txId);

    public bool IsUnspent(OutPoint outpoint) => Indexes("spent-output lookups").IsUnspent(outpoint);

    public ulong GetBalance(byte[] scriptPubKey) => Indexes("balance lookups").GetBalance(scriptPubKey);

    public IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count) =>
        Indexes("UTXO lookups").GetUtxos(scriptPubKey, skip, count);

    private IBitcoinView Indexes(string what) =>
        _indexes ?? throw new BitcoinViewUnavailableException(
            $"{what} need a Bitcoin transaction/UTXO index; the hVM state only holds headers");

    private Index Load()
    {
        if (_index is { } loaded)
        {
            return loaded;
        }

        var byHash = new Dictionary<Hash256, HvmHeaderRecord>();
        var count = HvmStateLayout.ReadHeaderCount(_state);
        for (ulong i = 0; i < count; i++)
        {
            var header = BlockHeader.Parse(HvmStateLayout.ReadHeader(_state, i));
            var hash = header.GetHash();
            if (byHash.ContainsKey(hash))
            {
                continue;
            }

            if (i == 0)
            {
                byHash[hash] = new HvmHeaderRecord(firstHeaderHeight, header);
            }
            else if (byHash.TryGetValue(header.PrevBlock, out var parent) && parent.Height < uint.MaxValue)
            {
                byHash[hash] = new HvmHeaderRecord(parent.Height + 1, header);
            }
        }

        var canonical = new List<HvmHeaderRecord>();
        var tip = Hash256.FromInternal(HvmStateLayout.ReadTip(_state).AsSpan());
        for (var cursor = byHash.GetValueOrDefault(tip); cursor is not null; cursor = byHash.GetValueOrDefault(cursor.Header.PrevBlock))
        {
            canonical.Add(cursor);
            if (cursor.Height == firstHeaderHeight)
            {
                break;
            }
        }

        canonical.Reverse();
        _index = new Index(byHash, canonical);
        return _index;
    }

    private sealed record Index(Dictionary<Hash256, HvmHeaderRecord> ByHash, List<HvmHeaderRecord> Canonical);
}
