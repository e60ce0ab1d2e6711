using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>
/// The sequencer's queue of admitted transactions, by hash and by sender and nonce. A transaction with the same sender
/// and nonce as a queued one replaces it only when both its fee cap and tip are at least 10% higher (geth's price bump).
/// Not thread-safe: the sequencer grain uses it one turn at a time.
/// </summary>
internal sealed class TransactionPool(int capacity)
{
    private const int PriceBumpPercent = 10;

    private readonly Dictionary<Hash32, PooledTransaction> _byHash = [];
    private readonly Dictionary<Address, SortedDictionary<ulong, PooledTransaction>> _bySender = [];
    private long _sequence;

    public int Count => _byHash.Count;

    public bool Contains(Hash32 hash) => _byHash.ContainsKey(hash);

    public PooledTransaction? Get(Hash32 hash) => _byHash.GetValueOrDefault(hash);

    public IEnumerable<Address> Senders => _bySender.Keys;

    /// <summary>The queued transactions of <paramref name="sender"/> by nonce (empty when none).</summary>
    public IReadOnlyCollection<PooledTransaction> BySender(Address sender) =>
        _bySender.TryGetValue(sender, out var queued) ? queued.Values : [];

    /// <summary>The next nonce after <paramref name="confirmedNonce"/> and the contiguous queued ones.</summary>
    public ulong PendingNonce(Address sender, ulong confirmedNonce)
    {
        var nonce = confirmedNonce;
        if (_bySender.TryGetValue(sender, out var queued))
        {
            while (queued.ContainsKey(nonce))
            {
                nonce++;
            }
        }

        return nonce;
    }

    /// <exception cref="TransactionRejectedException">Already known, underpriced replacement or pool full.</exception>
    public PooledTransaction Add(SubmittedTransaction submitted)
    {
        if (_byHash.ContainsKey(submitted.Hash))
        {
            throw new TransactionRejectedException(TransactionRejectionReason.AlreadyKnown, $"Transaction {submitted.Hash} is already known.");
        }

        var pooled = new PooledTransaction(submitted, _sequence++);
        if (!_bySender.TryGetValue(submitted.Sender, out var queued))
        {
            queued = [];
            _bySender[submitted.Sender] = queued;
        }

        if (queued.TryGetValue(pooled.Nonce, out var existing))
        {
            if (!IsBumped(existing.FeeCap, pooled.FeeCap) || !IsBumped(existing.TipCap, pooled.TipCap))
            {
                throw new TransactionRejectedException(
                    TransactionRejectionReason.FeeTooLow,
                    $"Replacement transaction underpriced: nonce {pooled.Nonce} is queued; fee cap and tip must both rise by {PriceBumpPercent}%.");
            }

            _byHash.Remove(existing.Submitted.Hash);
        }
        else if (_byHash.Count >= capacity)
        {
            throw new TransactionRejectedException(TransactionRejectionReason.PoolFull, $"The transaction pool is full ({capacity} transactions).");
        }

        queued[pooled.Nonce] = pooled;
        _byHash[submitted.Hash] = pooled;
        return pooled;
    }

    public bool Remove(Hash32 hash)
    {
        if (!_byHash.Remove(hash, out var pooled))
        {
            return false;
        }

        var sender = pooled.Submitted.Sender;
        if (_bySender.TryGetValue(sender, out var queued) && queued.Remove(pooled.Nonce) && queued.Count == 0)
        {
            _bySender.Remove(sender);
        }

        return true;
    }

    private static bool IsBumped(BigInteger old, BigInteger replacement) => replacement * 100 >= old * (100 + PriceBumpPercent);
}
