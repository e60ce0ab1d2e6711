using Hemi.Grains.Runtime;

namespace Hemi.Grains.Pop;

/// <summary>One PoP transaction's publications, kept in step with the indexed chain by the chain grain.</summary>
public sealed class PopSubmissionGrain(
    [PersistentState("pop-submission")] IPersistentState<PopSubmissionState> state) : Grain, IPopSubmissionGrain
{
    /// <inheritdoc />
    public async Task IndexAsync(PopSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(submission.TxId, key, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Submission of transaction {submission.TxId} was sent to the grain of {key}.", nameof(submission));
        }

        var outputs = state.State.Outputs;
        var position = outputs.FindIndex(o => o.OutputIndex == submission.OutputIndex);
        if (position >= 0 && outputs[position] == submission)
        {
            return;
        }

        var previous = position >= 0 ? outputs[position] : null;
        if (position >= 0)
        {
            outputs[position] = submission;
        }
        else
        {
            outputs.Add(submission);
            outputs.Sort(static (a, b) => a.OutputIndex.CompareTo(b.OutputIndex));
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: the indexer retries the write on its next flush.
            if (previous is not null)
            {
                outputs[position] = previous;
            }
            else
            {
                outputs.Remove(submission);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task UnindexAsync(string blockHash)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        var outputs = state.State.Outputs;
        var before = outputs.ToArray();
        var changed = false;
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i].Indexed && string.Equals(outputs[i].BlockHash, blockHash, StringComparison.OrdinalIgnoreCase))
            {
                outputs[i] = outputs[i] with { Indexed = false };
                changed = true;
            }
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Outputs = [.. before];
            throw;
        }
    }

    /// <inheritdoc />
    public Task<PopSubmission?> GetAsync() => Task.FromResult(state.State.Outputs.Count > 0 ? state.State.Outputs[0] : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<PopSubmission>> GetOutputsAsync() => Task.FromResult<IReadOnlyList<PopSubmission>>([.. state.State.Outputs]);
}
