namespace Hemi.Bitcoin.Transactions;

/// <summary>A transaction input: the outpoint it spends, its scriptSig, sequence and (segwit) witness stack.</summary>
public sealed class TxIn
{
    /// <summary>Sequence value that disables relative lock-time and replace-by-fee signalling.</summary>
    public const uint FinalSequence = uint.MaxValue;

    private static readonly byte[][] s_noWitness = [];

    public TxIn(OutPoint prevOut, byte[] scriptSig, uint sequence, IReadOnlyList<byte[]>? witness = null)
    {
        ArgumentNullException.ThrowIfNull(prevOut);
        ArgumentNullException.ThrowIfNull(scriptSig);
        PrevOut = prevOut;
        ScriptSig = scriptSig;
        Sequence = sequence;
        Witness = witness is null || witness.Count == 0 ? s_noWitness : CopyWitness(witness);
    }

    private TxIn(OutPoint prevOut, byte[] scriptSig, uint sequence, byte[][] witness)
    {
        PrevOut = prevOut;
        ScriptSig = scriptSig;
        Sequence = sequence;
        Witness = witness.Length == 0 ? s_noWitness : witness;
    }

    public OutPoint PrevOut { get; }

    // Parser path: the arrays are freshly allocated and owned by the new input, so no defensive copy.
    internal static TxIn FromParsed(OutPoint prevOut, byte[] scriptSig, uint sequence, byte[][] witness) =>
        new(prevOut, scriptSig, sequence, witness);

    /// <summary>The scriptSig bytes. Treat as read-only: the transaction's cached txid depends on them.</summary>
    public byte[] ScriptSig { get; }

    public uint Sequence { get; }

    /// <summary>The witness stack (empty for a non-segwit input).</summary>
    public IReadOnlyList<byte[]> Witness { get; }

    public bool HasWitness => Witness.Count != 0;

    /// <summary>A copy of this input with another witness stack.</summary>
    public TxIn WithWitness(IReadOnlyList<byte[]>? witness) => new(PrevOut, ScriptSig, Sequence, witness);

    /// <summary>A copy of this input with another scriptSig.</summary>
    public TxIn WithScriptSig(byte[] scriptSig) => new(PrevOut, scriptSig, Sequence, Witness);

    private static byte[][] CopyWitness(IReadOnlyList<byte[]> witness)
    {
        var copy = new byte[witness.Count][];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = witness[i] ?? throw new ArgumentException("Witness items cannot be null.", nameof(witness));
        }

        return copy;
    }
}
