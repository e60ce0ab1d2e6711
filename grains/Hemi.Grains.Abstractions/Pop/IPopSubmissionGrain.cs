using Hemi.Grains.Runtime;

namespace Hemi.Grains.Pop;

/// <summary>
/// One PoP transaction (key: its txid in display hex), written by the chain grain's PoP indexer: recorded when its block
/// is connected, marked unindexed when a reorg disconnects that block. Every write is idempotent.
/// </summary>
public interface IPopSubmissionGrain : IGrainWithStringKey
{
    /// <summary>Stores or updates the publication of <see cref="PopSubmission.OutputIndex"/>; the same content again is a no-op.</summary>
    Task IndexAsync(PopSubmission submission);

    /// <summary>Marks the publications recorded in block <paramref name="blockHash"/> unindexed; other blocks are left alone.</summary>
    Task UnindexAsync(string blockHash);

    /// <summary>The publication (the lowest PoP output when a transaction carries several), or null when never indexed.</summary>
    [ReadOnly]
    Task<PopSubmission?> GetAsync();

    /// <summary>Every PoP output of the transaction, by output index.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PopSubmission>> GetOutputsAsync();
}
