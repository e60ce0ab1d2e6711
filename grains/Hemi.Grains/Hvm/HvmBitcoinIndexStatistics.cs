namespace Hemi.Grains.Hvm;

/// <summary>
/// What an <see cref="HvmBitcoinIndexSnapshot"/> holds, for monitoring its memory: each count is one entry in a
/// persistent map (roughly 100–200 bytes with the map's node), plus <see cref="RawTransactionBytes"/> of serialized
/// transactions and the per-block undo journals (about one small record per input and per output).
/// </summary>
/// <param name="TipHeight">Height of the last connected block, or −1 when empty.</param>
/// <param name="BlockCount">Connected blocks.</param>
/// <param name="TransactionCount">Indexed transactions.</param>
/// <param name="UnspentOutputCount">Outputs in the unspent set.</param>
/// <param name="SpentOutpointCount">Outpoints marked spent, with their spending transaction.</param>
/// <param name="ScriptCount">Scripts with at least one unspent output.</param>
/// <param name="RawTransactionBytes">Total serialized size of the indexed transactions.</param>
public sealed record HvmBitcoinIndexStatistics(
    long TipHeight,
    int BlockCount,
    int TransactionCount,
    int UnspentOutputCount,
    int SpentOutpointCount,
    int ScriptCount,
    long RawTransactionBytes);
