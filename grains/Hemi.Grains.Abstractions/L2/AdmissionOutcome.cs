using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>
/// What became of one transaction of a batch handed to <see cref="ISequencerGrain.AdmitBatchAsync"/>: queued
/// (<paramref name="Rejection"/> null) or refused with the reason and message a <see cref="TransactionRejectedException"/> carries.
/// </summary>
public sealed record AdmissionOutcome(Hash32 Hash, TransactionRejectionReason? Rejection, string? Message)
{
    public bool Admitted => Rejection is null;

    /// <summary>The rejection as the exception a single admission throws.</summary>
    public TransactionRejectedException ToException() =>
        Rejection is { } reason
            ? new TransactionRejectedException(reason, Message ?? reason.ToString())
            : throw new InvalidOperationException($"Transaction {Hash} was admitted.");
}
