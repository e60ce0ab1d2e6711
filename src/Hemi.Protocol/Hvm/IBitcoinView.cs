using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Protocol.Hvm;

/// <summary>
/// The Bitcoin data hVM precompiles read, as of one L2 block. Implementations must be deterministic for a given
/// block (every node must answer the same), return <see langword="null"/>/empty for "not found", and throw
/// <see cref="BitcoinViewUnavailableException"/> for a kind of query they cannot serve at all.
/// </summary>
/// <remarks>
/// <see cref="HvmStateBitcoinView"/> answers the header queries from what the 0x7C transactions stored in the world
/// state; transaction, UTXO and balance queries need a Bitcoin index (the grain layer's), passed to it as an inner view.
/// </remarks>
public interface IBitcoinView
{
    /// <summary>The Bitcoin network addresses are decoded for.</summary>
    Network Network { get; }

    /// <summary>The header hVM's indexes are at (0x44), or <see langword="null"/> before any header is known.</summary>
    HvmHeaderRecord? GetBestHeader();

    /// <summary>The canonical header at <paramref name="height"/>, at most the best header's height (0x45).</summary>
    HvmHeaderRecord? GetHeaderByHeight(uint height);

    /// <summary>A known header by hash.</summary>
    HvmHeaderRecord? GetHeaderByHash(Hash256 hash);

    /// <summary>A transaction confirmed in a canonical block at or below the best header (0x42, 0x43).</summary>
    HvmTransactionRecord? GetTransaction(Hash256 txId);

    /// <summary>Whether <paramref name="outpoint"/> exists and is unspent as of the best header (0x42 spent flag).</summary>
    bool IsUnspent(OutPoint outpoint);

    /// <summary>The confirmed balance in sats of outputs paying <paramref name="scriptPubKey"/> (0x40).</summary>
    ulong GetBalance(byte[] scriptPubKey);

    /// <summary>Up to <paramref name="count"/> unspent outputs paying <paramref name="scriptPubKey"/>, skipping the first <paramref name="skip"/>, in a stable order (0x41).</summary>
    IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count);
}
