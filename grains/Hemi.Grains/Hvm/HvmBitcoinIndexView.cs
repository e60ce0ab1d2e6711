using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;
using Hemi.Protocol.Hvm;

namespace Hemi.Grains.Hvm;

/// <summary>
/// An <see cref="IBitcoinView"/> over one <see cref="HvmBitcoinIndexSnapshot"/>: transactions (0x42, 0x43), spent flags,
/// balances (0x40) and unspent outputs (0x41), plus the headers of the indexed blocks. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The best header is the snapshot's tip. Inside an L2 node this view is pinned (<see cref="HvmBitcoinIndex.GetViewAt"/>)
/// to hVM's best header, which is the Bitcoin tip recorded in the L2 state minus <see cref="HvmStateBitcoinView.HvmIndexerTipLag"/>
/// (2, op-geth's <c>hVMIndexerTipLag</c>; hemi-protocol.md §4.2/§7: "full TBC index = light tip − 2"), and used as the
/// <c>indexes</c> of an <see cref="HvmStateBitcoinView"/> (see <see cref="HvmBitcoinIndexStateViews.CreateStateView"/>).
/// Confirmations (0x43) are then <c>bestHeight − txHeight + 1</c> against that lagged header: a transaction in hVM's
/// best block has 1, and one in the two newest recorded blocks is not visible yet.
/// Only blocks from the chain grain's start height up are indexed: older transactions are "not found", and an input
/// spending one has no known value (0x42 with inputs then reports not found too).
/// </remarks>
public sealed class HvmBitcoinIndexView(HvmBitcoinIndexSnapshot snapshot) : IBitcoinView
{
    /// <summary>The snapshot this view reads.</summary>
    public HvmBitcoinIndexSnapshot Snapshot { get; } = snapshot ?? throw new ArgumentNullException(nameof(snapshot));

    public Network Network => Snapshot.Network;

    public HvmHeaderRecord? GetBestHeader() => Snapshot.Tip;

    public HvmHeaderRecord? GetHeaderByHeight(uint height) => Snapshot.GetHeader(height);

    public HvmHeaderRecord? GetHeaderByHash(Hash256 hash) => Snapshot.GetHeader(hash);

    public HvmTransactionRecord? GetTransaction(Hash256 txId) => Snapshot.GetTransaction(txId);

    public bool IsUnspent(OutPoint outpoint) => Snapshot.IsUnspent(outpoint);

    public ulong GetBalance(byte[] scriptPubKey) => Snapshot.GetBalance(scriptPubKey);

    public IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count) => Snapshot.GetUtxos(scriptPubKey, skip, count);
}
