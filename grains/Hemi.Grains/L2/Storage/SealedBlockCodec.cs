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
        if (block.Transactions.Count != block.Execution.Transactions.Count)
        {
            throw new ArgumentException("Every transaction needs exactly one execution result.", nameof(block));
        }

        var writer = new RlpWriter(1024 + (block.Transactions.Count * 400));
        writer.WriteRaw([Version]);
        writer.BeginList();
        writer.WriteRaw(block.Header.Encode());
        writer.BeginList();
        foreach (var transaction in block.Transactions)
        {
            writer.WriteString(transaction.Encode());
        }

        writer.EndList();
        writer.BeginList();
        foreach (var result in block.Execution.Transactions)
        {
            writer.BeginList();
            writer.WriteString(result.Receipt.Encode());
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

    /// <summary>The 8-byte big-endian value of a <c>block-hashes/</c> entry.</summary>
    public static byte[] EncodeNumber(ulong number)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, number);
        return bytes;
    }

    /// <exception cref="L2StorageFormatException">Not 8 bytes.</exception>
    public static ulong DecodeNumber(ReadOnlySpan<byte> encoded) =>
        encoded.Length == 8
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(encoded)
            : throw new L2StorageFormatException($"A block-hash entry is 8 bytes, got {encoded.Length}.");

    /// <summary>The 12-byte value of a <c>transactions/</c> entry: block number then index, big-endian.</summary>
    public static byte[] EncodeLocation(ulong number, int index)
    {
        var bytes = new byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, number);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), index);
        return bytes;
    }

    /// <exception cref="L2StorageFormatException">Not 12 bytes or a negative index.</exception>
    public static (ulong Number, int Index) DecodeLocation(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != 12)
        {
            throw new L2StorageFormatException($"A transaction entry is 12 bytes, got {encoded.Length}.");
        }

        var index = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(encoded[8..]);
        return index < 0
            ? throw new L2StorageFormatException("Negative transaction index.")
            : (System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(encoded), index);
    }
}
