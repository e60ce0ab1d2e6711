using Hemi.Grains.Pop;

namespace Hemi.Grains.Indexing;

/// <summary>
/// What the PoP indexer has to tell <c>IPopSubmissionGrain</c>s: transactions whose block left the chain (applied first)
/// and the current records of touched publications (applied after, so a transaction mined again in another block ends indexed).
/// </summary>
public sealed record PopSubmissionChanges(
    IReadOnlyList<(string TxId, string BlockHash)> Unindexed,
    IReadOnlyList<PopSubmission> Indexed)
{
    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => Unindexed.Count == 0 && Indexed.Count == 0;
}
