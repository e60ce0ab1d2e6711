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
/// The view reads the state lazily and keeps what it read: kept over a live state (the sequencer's), it reads only the
/// headers appended since its last query; for a historical block, build one over that block's state. Not thread-safe,
/// like <see cref="WorldState"/>.
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

    // Headers are only ever appended by 0x7C transactions, so a view kept over a live state reads just the new ones;
    // a shrunken count (a reverted block) or a new tip recomputes what depends on it.
    private Index Load()
    {
        var count = HvmStateLayout.ReadHeaderCount(_state);
        var tip = Hash256.FromInternal(HvmStateLayout.ReadTip(_state).AsSpan());
        // The last header read must still be where it was, or the state was rolled back and rewritten: start over.
        var extends = _index is { } previous && previous.HeaderCount <= count
            && (previous.HeaderCount == 0 || HeaderHashAt(previous.HeaderCount - 1) == previous.LastHeaderHash);
        if (extends && _index!.HeaderCount == count && _index.Tip == tip)
        {
            return _index;
        }

        var byHash = extends ? _index!.ByHash : [];
        var start = extends ? _index!.HeaderCount : 0;
        for (var i = start; i < count; i++)
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
        for (var cursor = byHash.GetValueOrDefault(tip); cursor is not null; cursor = byHash.GetValueOrDefault(cursor.Header.PrevBlock))
        {
            canonical.Add(cursor);
            if (cursor.Height == firstHeaderHeight)
            {
                break;
            }
        }

        canonical.Reverse();
        _index = new Index(count, tip, count == 0 ? Hash256.Zero : HeaderHashAt(count - 1), byHash, canonical);
        return _index;
    }

    private Hash256 HeaderHashAt(ulong index) => BlockHeader.Parse(HvmStateLayout.ReadHeader(_state, index)).GetHash();

    private sealed record Index(ulong HeaderCount, Hash256 Tip, Hash256 LastHeaderHash, Dictionary<Hash256, HvmHeaderRecord> ByHash, List<HvmHeaderRecord> Canonical);
}
