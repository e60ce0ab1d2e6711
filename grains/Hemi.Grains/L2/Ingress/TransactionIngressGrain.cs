using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime;
using Hemi.Protocol.L2.Transactions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Ingress;

/// <summary>
/// Decodes raw transactions and recovers their senders, in parallel across stateless worker activations, then hands each
/// one to its sender's <see cref="IAccountGrain"/>. Every failure becomes a <see cref="TransactionRejectedException"/>
/// whose message a wallet can show.
/// </summary>
/// <remarks>
/// Reentrant: it holds no state, and a call waits for its account grain and the sequencer after the recovery; without
/// reentrancy each worker would keep one transaction in flight and recover nothing while it waits.
/// </remarks>
[StatelessWorker]
[Reentrant]
public sealed class TransactionIngressGrain(IOptions<SequencerOptions> options) : Grain, ITransactionIngressGrain
{
    private readonly SequencerOptions _options = options.Value;

    /// <inheritdoc />
    public Task<Hash32> SendRawTransactionAsync(byte[] rawTransaction)
    {
        var submitted = Decode(rawTransaction, _options.ChainId, _options.MaxTransactionSize);
        return GrainFactory.GetGrain<IAccountGrain>(submitted.Sender.ToLowerHexString()).SubmitAsync(submitted);
    }

    /// <summary>Decodes a raw user transaction and recovers its sender (the one signature recovery of its life before sealing).</summary>
    /// <exception cref="TransactionRejectedException">Empty, oversized, malformed, system-typed, unsigned or badly signed input, or another chain's transaction.</exception>
    public static SubmittedTransaction Decode(byte[]? rawTransaction, ulong chainId, int maxSize)
    {
        if (rawTransaction is null || rawTransaction.Length == 0)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.Malformed, "The raw transaction is empty.");
        }

        if (rawTransaction.Length > maxSize)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.Malformed, $"The transaction is {rawTransaction.Length} bytes, above the {maxSize}-byte limit.");
        }

        if (rawTransaction[0] is L2TransactionType.BitcoinAttributes or L2TransactionType.PopPayout)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.SystemTransaction, $"System transaction type 0x{rawTransaction[0]:x2} is only inserted by the sequencer.");
        }

        UserTransaction transaction;
        try
        {
            transaction = L2Transaction.DecodeFromMempool(rawTransaction);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.Malformed, "Malformed transaction: " + e.Message, e);
        }

        var tx = transaction.Transaction;
        if (!tx.IsSigned)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.InvalidSignature, "The transaction is not signed.");
        }

        Address sender;
        try
        {
            sender = tx.RecoverSender(chainId, allowUnprotected: false);
        }
        catch (TransactionValidationException e) when (e.Error is TransactionValidationError.WrongChainId or TransactionValidationError.MissingChainId)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.WrongChainId, e.Message + $" This chain is {chainId}.", e);
        }
        catch (TransactionValidationException e)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.InvalidSignature, "Invalid signature: " + e.Message, e);
        }

        // The decoder accepts only canonical encodings, so the raw bytes are the transaction's encoding: hash them as they
        // are instead of encoding the transaction again.
        return new SubmittedTransaction(transaction, sender, new Hash32(Keccak256.Hash(rawTransaction)));
    }
}
