using System.Text.Json.Nodes;
using Hemi.Ethereum.Rlp;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Silo.Rpc.Formatting;

/// <summary>geth's block object: every header field, <c>size</c> (RLP length of the whole block), <c>totalDifficulty</c> 0, no uncles.</summary>
public static class BlockJson
{
    public static JsonObject Format(SealedL2Block block, bool fullTransactions)
    {
        ArgumentNullException.ThrowIfNull(block);
        var header = block.Header;
        var hash = header.Hash;
        var transactions = new JsonArray();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            transactions.Add(fullTransactions
                ? TransactionJson.Format(tx, block.Execution.Transactions[i].Sender, new TransactionJson.Position(hash, header.Number, i, header.BaseFeePerGas))
                : JsonValue.Create(tx.Hash.ToString()));
        }

        Span<byte> nonce = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, header.Nonce);
        var json = new JsonObject
        {
            ["number"] = RpcHex.Quantity(header.Number),
            ["hash"] = hash.ToString(),
            ["parentHash"] = header.ParentHash.ToString(),
            ["nonce"] = RpcHex.Data(nonce),
            ["sha3Uncles"] = header.OmmersHash.ToString(),
            ["logsBloom"] = RpcHex.Data(header.LogsBloom.AsSpan()),
            ["transactionsRoot"] = header.TransactionsRoot.ToString(),
            ["stateRoot"] = header.StateRoot.ToString(),
            ["receiptsRoot"] = header.ReceiptsRoot.ToString(),
            ["miner"] = header.Coinbase.ToLowerHexString(),
            ["difficulty"] = RpcHex.Quantity(header.Difficulty),
            ["totalDifficulty"] = "0x0",
            ["extraData"] = RpcHex.Data(header.ExtraData.Span),
            ["size"] = RpcHex.Quantity((ulong)EncodedSize(block)),
            ["gasLimit"] = RpcHex.Quantity(header.GasLimit),
            ["gasUsed"] = RpcHex.Quantity(header.GasUsed),
            ["timestamp"] = RpcHex.Quantity(header.Timestamp),
            ["mixHash"] = header.MixHash.ToString(),
            ["transactions"] = transactions,
            ["uncles"] = new JsonArray(),
        };
        if (header.BaseFeePerGas is { } baseFee)
        {
            json["baseFeePerGas"] = RpcHex.Quantity(baseFee);
        }

        if (header.WithdrawalsRoot is { } withdrawalsRoot)
        {
            json["withdrawalsRoot"] = withdrawalsRoot.ToString();
            json["withdrawals"] = new JsonArray();
        }

        if (header.BlobGasUsed is { } blobGasUsed)
        {
            json["blobGasUsed"] = RpcHex.Quantity(blobGasUsed);
        }

        if (header.ExcessBlobGas is { } excessBlobGas)
        {
            json["excessBlobGas"] = RpcHex.Quantity(excessBlobGas);
        }

        if (header.ParentBeaconBlockRoot is { } beaconRoot)
        {
            json["parentBeaconBlockRoot"] = beaconRoot.ToString();
        }

        return json;
    }

    /// <summary>Length of rlp([header, transactions, uncles(, withdrawals)]), typed transactions as RLP strings as in Ethereum's block body.</summary>
    public static int EncodedSize(SealedL2Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var writer = new RlpWriter(1024);
        writer.BeginList();
        writer.WriteRaw(block.Header.Encode());
        writer.BeginList();
        foreach (var tx in block.Transactions)
        {
            var encoded = tx.Encode();
            if (tx is UserTransaction { TypeByte: 0 })
            {
                writer.WriteRaw(encoded);
            }
            else
            {
                writer.WriteString(encoded);
            }
        }

        writer.EndList();
        writer.BeginList();
        writer.EndList();
        if (block.Header.WithdrawalsRoot is not null)
        {
            writer.BeginList();
            writer.EndList();
        }

        writer.EndList();
        return writer.Length;
    }
}
