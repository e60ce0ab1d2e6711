using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.State;

namespace Hemi.Grains.Hvm;

/// <summary>Builds the view hVM precompiles read for an L2 state: headers from the state, everything else from the index.</summary>
public static class HvmBitcoinIndexStateViews
{
    /// <summary>
    /// An <see cref="HvmStateBitcoinView"/> over <paramref name="state"/> whose transaction, UTXO and balance queries are
    /// answered by <paramref name="index"/> as of hVM's best header (the state's recorded tip minus
    /// <paramref name="indexerTipLag"/>), so they agree with 0x44/0x45 and answer the same on every node. When the index
    /// does not hold that block the queries throw <see cref="BitcoinViewUnavailableException"/> (the call fails rather
    /// than answering from another block).
    /// </summary>
    public static HvmStateBitcoinView CreateStateView(
        this HvmBitcoinIndex index,
        WorldState state,
        uint firstHeaderHeight,
        uint indexerTipLag = HvmStateBitcoinView.HvmIndexerTipLag)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(state);
        HvmStateBitcoinView? outer = null;
        var pinned = new PinnedIndexView(index, () => outer!.GetBestHeader());
        outer = new HvmStateBitcoinView(state, firstHeaderHeight, index.Network, pinned, indexerTipLag);
        return outer;
    }
}
