using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;
using Hemi.Protocol.Hvm;

namespace Hemi.Grains.Hvm;

/// <summary>
/// The <c>indexes</c> of an <see cref="HvmStateBitcoinView"/>: on its first query it asks the outer view for hVM's best
/// header and pins itself to the index snapshot of that block, so every answer of one call comes from one block.
/// Not thread-safe, like the state view that owns it.
/// </summary>
internal sealed class PinnedIndexView(HvmBitcoinIndex index, Func<HvmHeaderRecord?> bestHeader) : IBitcoinView
{
    private HvmBitcoinIndexView? _view;

    public Network Network => index.Network;

    public HvmHeaderRecord? GetBestHeader() => View().GetBestHeader();

    public HvmHeaderRecord? GetHeaderByHeight(uint height) => View().GetHeaderByHeight(height);

    public HvmHeaderRecord? GetHeaderByHash(Hash256 hash) => View().GetHeaderByHash(hash);

    public HvmTransactionRecord? GetTransaction(Hash256 txId) => View().GetTransaction(txId);

    public bool IsUnspent(OutPoint outpoint) => View().IsUnspent(outpoint);

    public ulong GetBalance(byte[] scriptPubKey) => View().GetBalance(scriptPubKey);

    public IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count) => View().GetUtxos(scriptPubKey, skip, count);

    private HvmBitcoinIndexView View()
    {
        if (_view is { } view)
        {
            return view;
        }

        var best = bestHeader() ?? throw new BitcoinViewUnavailableException("hVM has no Bitcoin header yet, so its index has no block to answer from");
        _view = index.GetViewAt(best.Hash) ?? throw new BitcoinViewUnavailableException(
            $"the hVM Bitcoin index of {index.Network.Name} does not hold block {best.Hash} (height {best.Height}): "
            + $"not indexed yet, below the indexed range, or neither among the {index.RetainedSnapshots} kept snapshots nor within "
            + $"{index.MaxRewindBlocks} blocks of the index tip ({DescribeTip(index.Current)})");
        return _view;
    }

    private static string DescribeTip(HvmBitcoinIndexSnapshot snapshot) =>
        snapshot.Tip is { } tip ? $"{tip.Hash} at {tip.Height}" : "none";
}
