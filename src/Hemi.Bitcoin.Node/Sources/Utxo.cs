using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>A confirmed unspent output: where it is, what it pays, the height that created it and whether a coinbase did.</summary>
public sealed record Utxo(OutPoint OutPoint, TxOut Output, int Height, bool IsCoinbase)
{
    /// <summary>The output as a <see cref="Coin"/> for <see cref="TransactionBuilder"/>.</summary>
    public Coin ToCoin() => new(OutPoint, Output);
}
