using System.Text.Json.Serialization;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;

namespace Hemi.Protocol.L2.Transactions;

/// <summary>
/// A transaction as it appears in an L2 block: a signed user transaction (legacy, EIP-2930, EIP-1559) or one
/// of the system transactions only the sequencer inserts (0x7C Bitcoin attributes, 0x7D PoP payout).
/// </summary>
[JsonConverter(typeof(L2TransactionJsonConverter))]
public abstract record L2Transaction
{
    private protected L2Transaction()
    {
    }

    /// <summary>The EIP-2718 type byte (0 for legacy).</summary>
    public abstract byte TypeByte { get; }

    /// <summary>Whether the sequencer inserted this transaction (no signature, no nonce, no fees).</summary>
    public abstract bool IsSystem { get; }

    /// <summary>System transactions are never valid from the mempool or <c>eth_sendRawTransaction</c>.</summary>
    public bool IsAllowedFromMempool => !IsSystem;

    /// <summary>The consensus encoding: the RLP list for legacy, <c>type ‖ payload</c> otherwise.</summary>
    public abstract byte[] Encode();

    /// <summary>keccak256 of <see cref="Encode"/>.</summary>
    public Hash32 Hash => new(Keccak256.Hash(Encode()));

    /// <summary>
    /// Decodes a transaction submitted from outside (mempool, <c>eth_sendRawTransaction</c>): only the user types
    /// are accepted, a system type is rejected even when well formed.
    /// </summary>
    /// <exception cref="L2FormatException">Malformed input or a system transaction type.</exception>
    public static UserTransaction DecodeFromMempool(ReadOnlySpan<byte> encoded)
    {
        if (!encoded.IsEmpty && encoded[0] is L2TransactionType.BitcoinAttributes or L2TransactionType.PopPayout)
        {
            throw new L2FormatException($"System transaction type 0x{encoded[0]:x2} is never accepted from the mempool.");
        }

        return (UserTransaction)Decode(encoded);
    }

    /// <summary>Decodes any of the five transaction types.</summary>
    /// <exception cref="L2FormatException">Empty, unknown type, truncated or non-canonical input.</exception>
    public static L2Transaction Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new L2FormatException("Empty transaction encoding.");
        }

        switch (encoded[0])
        {
            case L2TransactionType.BitcoinAttributes:
                return BitcoinAttributesTransaction.DecodePayload(encoded[1..]);
            case L2TransactionType.PopPayout:
                return PopPayoutTransaction.DecodePayload(encoded[1..]);
            case (byte)TransactionType.AccessList or (byte)TransactionType.DynamicFee or >= 0xC0:
                try
                {
                    // The decoder accepts only the canonical encoding, so the input is the encoding.
                    return new UserTransaction(EthereumTransaction.Decode(encoded), encoded.ToArray());
                }
                catch (EthereumFormatException e) when (e is not L2FormatException)
                {
                    throw new L2FormatException("Malformed user transaction: " + e.Message, e);
                }

            default:
                throw new L2FormatException($"Unknown transaction type 0x{encoded[0]:x2}.");
        }
    }
}
