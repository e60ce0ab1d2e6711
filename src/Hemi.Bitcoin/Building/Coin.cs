using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Building;

/// <summary>A spendable output: where it is and what it holds.</summary>
public sealed record Coin(OutPoint OutPoint, TxOut Output)
{
    /// <summary>The amount in satoshis.</summary>
    public long Amount => Output.Value;
}
