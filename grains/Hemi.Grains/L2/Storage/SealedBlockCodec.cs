using System.Text;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.L2.Storage;

/// <summary>
/// The stored form of a sealed block: <c>0x01 ‖ rlp([header, [tx…], [[receipt, sender, gasUsed, effectivePrice, failure?]…]])</c>
/// with the header as its own RLP list, each transaction and receipt in its consensus encoding, and an empty list or a
/// one-element list for the failure reason. Gas used, bloom and state root of the execution result come from the header.
/// </summary>
public static class SealedBlockCodec
{
    public const byte Version = 1;

    /// <summary>A block has at most this many transactions (a 30M-gas block holds ≈ 1,430 transfers).</summary>
    public const int MaxTransactions = 1 << 20;

    /// <summary>Failure reasons are short texts; longer ones are cut when encoding and refused when decoding.</summary>
    public const int MaxFailureReasonBytes = 1024;

    public static byte[] Encode(SealedL2Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Encode(block, EncodedBlockBody.Encode(block.Transactions, [.. block.Execution.Transactions.Select(r => r.Receipt)]));
    }

    /// <summary>Encodes <paramref name="block"/> reusing the encodings its header roots were computed from.</summary>
    /// <exception cref="ArgumentException"><paramref name="body"/> does not have one encoding per transaction and receipt.</exception>
    public static byte[] Encode(SealedL2Block block, EncodedBlockBody body)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(body);
        var count = block.Transactions.Count;
        if (block.Execution.Transactions.Count != count)
        {
            throw new ArgumentException("Every transaction needs exactly one execution result.", nameof(block));
        }

        if (body.Transactions.Count != count || body.Receipts.Count != count)
        {
            throw new ArgumentException("The body needs exactly one encoding per transaction and receipt.", nameof(body));
        }

        var header = block.Header.Encode();

        // Sized up front (items, their headers, the per-result fields and the list headers) so that a block of a thousand
        // transfers is written into one buffer instead of being copied through doublings.
        var capacity = 64L + header.Length;
        for (var i = 0; i < count; i++)
        {
            capacity += body.Transactions[i].Length + body.Receipts[i].Length + 96 + (block.Execution.Transactions[i].FailureReason is null ? 0 : MaxFailureReasonBytes);
        }

        var writer = new RlpWriter((int)Math.Min(capacity, Array.MaxLength));
        writer.WriteRaw([Version]);
        writer.BeginList();
        writer.WriteRaw(header);
        writer.BeginList();
        foreach (var transaction in body.Transactions)
        {
            writer.WriteString(transaction);
        }

        writer.EndList();
        writer.BeginList();
        for (var i = 0; i < count; i++)
        {
            var result = block.Execution.Transactions[i];
            writer.BeginList();
            writer.WriteString(body.Receipts[i]);
            writer.WriteString(result.Sender.AsSpan());
            writer.WriteUInt64(result.GasUsed);
            writer.WriteBigInteger(result.EffectiveGasPrice);
            writer.BeginList();
            if (result.FailureReason is { } failure)
            {
                var bytes = Encoding.UTF8.GetBytes(failure);
                writer.WriteString(bytes.AsSpan(0, Math.Min(bytes.Length, MaxFailureReasonBytes)));
            }

            writer.EndList();
            writer.EndList();
        }

        writer.EndList();
        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Only the header of a block record (the transactions and results are not decoded).</summary>
    /// <exception cref="L2StorageFormatException">The bytes do not start a block record.</exception>
    public static L2BlockHeader DecodeHeader(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty || encoded[0] != Version)
        {
            throw new L2StorageFormatException(encoded.IsEmpty ? "Empty block record." : $"Unknown block record version {encoded[0]}.");
        }

        try
        {
            var outer = new RlpReader(encoded[1..]);
            var fields = outer.EnterList();
            return L2BlockHeader.Decode(fields.ReadRaw());
        }
        catch (EthereumFormatException e)
        {
            throw new L2StorageFormatException("Malformed block record: " + e.Message, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new L2StorageFormatException("Malformed block record: " + e.Message, e);
        }
    }

    /// <summary>The hashes of a block's transactions in block order (user transactions by their signed encoding).</summary>
    public static Hash32[] TransactionHashes(SealedL2Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var hashes = new Hash32[block.Transactions.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = block.Transactions[i] is UserTransaction user ? user.Transaction.GetHash() : block.Transactions[i].Hash;
        }

        return hashes;
    }

    /// <exception cref="L2StorageFormatException">The bytes are not a block record.</exception>
    public static SealedL2Block Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty || encoded[0] != Version)
        {
            throw new L2StorageFormatException(encoded.IsEmpty ? "Empty block record." : $"Unknown block record version {encoded[0]}.");
        }

        try
        {
            var outer = new RlpReader(encoded[1..]);
            var fields = outer.EnterList();
            outer.EnsureEnd();
            var header = L2BlockHeader.Decode(fields.ReadRaw());
            var transactions = new List<L2Transaction>();
            var txList = fields.EnterList();
            while (txList.HasMore)
            {
                if (transactions.Count == MaxTransactions)
                {
                    throw new L2StorageFormatException($"A block record holds at most {MaxTransactions} transactions.");
                }

                transactions.Add(L2Transaction.Decode(txList.ReadString()));
            }

            var results = new List<TransactionResult>(transactions.Count);
            var resultList = fields.EnterList();
            while (resultList.HasMore)
            {
                if (results.Count == transactions.Count)
                {
                    throw new L2StorageFormatException("The block record has more results than transactions.");
                }

                var item = resultList.EnterList();
                var receipt = Receipt.Decode(item.ReadString());
                var sender = new Address(item.ReadFixedString(Address.Length));
                var gasUsed = item.ReadUInt64();
                var price = item.ReadBigInteger(32);
                var failureList = item.EnterList();
                string? failure = null;
                if (failureList.HasMore)
                {
                    var text = failureList.ReadString();
                    if (text.Length > MaxFailureReasonBytes)
                    {
                        throw new L2StorageFormatException("Failure reason too long.");
                    }

                    failure = Encoding.UTF8.GetString(text);
                }

                failureList.EnsureEnd();
                item.EnsureEnd();
                results.Add(new TransactionResult(receipt, sender, gasUsed, price, failure));
            }

            fields.EnsureEnd();
            if (results.Count != transactions.Count)
            {
                throw new L2StorageFormatException($"{transactions.Count} transactions but {results.Count} results.");
            }

            var execution = new BlockExecutionResult(results, header.GasUsed, header.LogsBloom, header.StateRoot);
            return new SealedL2Block(header, transactions, execution);
        }
        catch (EthereumFormatException e)
        {
            throw new L2StorageFormatException("Malformed block record: " + e.Message, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TrieException or OverflowException)
        {
            throw new L2StorageFormatException("Malformed block record: " + e.Message, e);
        }
    }
}
