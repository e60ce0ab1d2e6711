using Hemi.Ethereum;

namespace Hemi.Grains.L2.Accounts;

/// <summary>
/// Gathers the transactions the account grains of one silo forward, and hands them to the sequencer in one
/// <see cref="ISequencerGrain.AdmitBatchAsync"/> call per batch instead of one call each: while a batch is in flight the
/// next one fills, so a lone transaction goes at once and a stream of them costs the sequencer a few calls rather
/// than thousands of queued messages. Order is kept: an account grain waits for its transaction's outcome before it
/// forwards the next, and a batch is admitted in arrival order.
/// </summary>
public sealed class SequencerAdmissionBatcher
{
    /// <summary>The most transactions in one call.</summary>
    public const int MaxBatchSize = 2_048;

    private readonly Lock _lock = new();
    private List<Pending> _queue = [];
    private bool _sending;

    /// <summary>Admits <paramref name="transaction"/> through <paramref name="sequencer"/> with others of the same moment.</summary>
    /// <exception cref="TransactionRejectedException">The sequencer refused it.</exception>
    public Task<Hash32> AdmitAsync(ISequencerGrain sequencer, SubmittedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        ArgumentNullException.ThrowIfNull(transaction);
        var pending = new Pending(sequencer, transaction, new TaskCompletionSource<Hash32>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_lock)
        {
            _queue.Add(pending);
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            _ = Task.Run(SendAllAsync);
        }

        return pending.Completion.Task;
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _sending = false;
                    return;
                }

                if (_queue.Count <= MaxBatchSize)
                {
                    batch = _queue;
                    _queue = [];
                }
                else
                {
                    batch = _queue.GetRange(0, MaxBatchSize);
                    _queue.RemoveRange(0, MaxBatchSize);
                }
            }

            // One silo sequences one chain, but keep batches to one sequencer reference each all the same.
            foreach (var group in batch.GroupBy(p => p.Sequencer))
            {
                await SendAsync(group.Key, [.. group]);
            }
        }
    }

    private static async Task SendAsync(ISequencerGrain sequencer, Pending[] batch)
    {
        IReadOnlyList<AdmissionOutcome> outcomes;
        try
        {
            outcomes = await sequencer.AdmitBatchAsync([.. batch.Select(p => p.Transaction)]);
            if (outcomes.Count != batch.Length)
            {
                throw new InvalidOperationException($"The sequencer answered {outcomes.Count} outcomes for {batch.Length} transactions.");
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < batch.Length; i++)
        {
            if (outcomes[i].Admitted)
            {
                batch[i].Completion.TrySetResult(outcomes[i].Hash);
            }
            else
            {
                batch[i].Completion.TrySetException(outcomes[i].ToException());
            }
        }
    }

    private sealed record Pending(ISequencerGrain Sequencer, SubmittedTransaction Transaction, TaskCompletionSource<Hash32> Completion);
}
