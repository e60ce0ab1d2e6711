namespace Hemi.Bitcoin.Transactions;

/// <summary>A reference to output <see cref="Index"/> of transaction <see cref="TxId"/>.</summary>
public sealed record OutPoint(Hash256 TxId, uint Index)
{
    /// <summary>Serialized size (32-byte txid + 4-byte index).</summary>
    public const int Size = 36;

    /// <summary>The outpoint a coinbase input spends: zero txid, index 0xffffffff.</summary>
    public static readonly OutPoint Null = new(Hash256.Zero, uint.MaxValue);

    public bool IsNull => Index == uint.MaxValue && TxId.IsZero;

    public override string ToString() => $"{TxId}:{Index}";
}
