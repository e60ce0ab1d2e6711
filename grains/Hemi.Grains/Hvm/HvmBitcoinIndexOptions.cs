namespace Hemi.Grains.Hvm;

/// <summary>Settings of the hVM Bitcoin indexes (<see cref="HvmBitcoinIndexSiloBuilderExtensions.AddHvmBitcoinIndex"/>).</summary>
public sealed class HvmBitcoinIndexOptions
{
    /// <summary>The default of <see cref="RetainedSnapshots"/>.</summary>
    public const int DefaultRetainedSnapshots = 32;

    /// <summary>The default of <see cref="MaxRewindBlocks"/>.</summary>
    public const int DefaultMaxRewindBlocks = 288;

    /// <summary>
    /// How many recent snapshots each index keeps reachable by block hash: queries pinned to an older Bitcoin block fail
    /// as unavailable. It must cover the hVM lag (2) plus the reorg depth and L2 history that <c>eth_call</c> should
    /// serve; each kept snapshot costs the map nodes its block changed (about log2(n) nodes per input and output).
    /// </summary>
    public int RetainedSnapshots { get; set; } = DefaultRetainedSnapshots;

    /// <summary>
    /// How far below the indexed tip a query may be pinned to a block of the current chain that is no longer kept: its
    /// snapshot is then recomputed by undoing the blocks above it, which costs their inputs and outputs (bounded by this
    /// many blocks per query; the last result is reused).
    /// </summary>
    public int MaxRewindBlocks { get; set; } = DefaultMaxRewindBlocks;

    /// <summary>
    /// Networks (by name, e.g. "regtest") whose chain grain is activated when the silo starts, so the index is rebuilt
    /// from the chain grain's persisted chain before the first query instead of on first use.
    /// </summary>
    public IList<string> RebuildOnStart { get; } = [];
}
