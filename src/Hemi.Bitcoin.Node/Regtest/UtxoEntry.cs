using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>An unspent output in the UTXO set with the height that created it.</summary>
internal sealed record UtxoEntry(TxOut Output, int Height, bool IsCoinbase);
