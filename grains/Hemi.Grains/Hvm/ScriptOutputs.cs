using System.Collections.Immutable;

namespace Hemi.Grains.Hvm;

/// <summary>The unspent outputs paying one script, in chain order, and their total.</summary>
/// <remarks>The total is 128-bit so no sequence of outputs (even of hostile values) can wrap it.</remarks>
internal sealed record ScriptOutputs(ImmutableSortedSet<IndexedOutput> Outputs, UInt128 Balance)
{
    public static ScriptOutputs Empty { get; } = new(ImmutableSortedSet.Create(IndexedOutput.ChainOrder), UInt128.Zero);
}
