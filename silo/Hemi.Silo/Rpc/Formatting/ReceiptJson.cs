using System.Text.Json.Nodes;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Protocol.L2.Assembly;

namespace Hemi.Silo.Rpc.Formatting;

/// <summary>geth's receipt and log objects, built from a sealed block's execution results.</summary>
public static class ReceiptJson
{
    /// <summary>The receipt of transaction <paramref name="index"/> of <paramref name="block"/>.</summary>
    public static JsonObject Format(SealedL2Block block, int index)
    {
        ArgumentNullException.ThrowIfNull(block);
        var header = block.Header;
        var blockHash = header.Hash;
        var transaction = block.Transactions[index];
        var result = block.Execution.Transactions[index];
        var receipt = result.Receipt;
        var firstLogIndex = 0;
        for (var i = 0; i < index; i++)
        {
            firstLogIndex += block.Execution.Transactions[i].Receipt.Logs.Count;
        }

        var logs = new JsonArray();
        for (var l = 0; l < receipt.Logs.Count; l++)
        {
            logs.Add(FormatLog(receipt.Logs[l], blockHash, header.Number, transaction.Hash, index, firstLogIndex + l));
        }

        Address? to = transaction switch
        {
            Hemi.Protocol.L2.Transactions.UserTransaction user => user.Transaction.To,
            Hemi.Protocol.L2.Transactions.SystemTransaction system => system.To,
            _ => null,
        };
        return new JsonObject
        {
            ["transactionHash"] = transaction.Hash.ToString(),
            ["transactionIndex"] = RpcHex.Quantity((ulong)index),
            ["blockHash"] = blockHash.ToString(),
            ["blockNumber"] = RpcHex.Quantity(header.Number),
            ["from"] = result.Sender.ToLowerHexString(),
            ["to"] = to?.ToLowerHexString(),
            ["cumulativeGasUsed"] = RpcHex.Quantity(receipt.CumulativeGasUsed),
            ["gasUsed"] = RpcHex.Quantity(result.GasUsed),
            ["contractAddress"] = null,
            ["logs"] = logs,
            ["logsBloom"] = RpcHex.Data(receipt.Bloom.AsSpan()),
            ["status"] = receipt.Succeeded ? "0x1" : "0x0",
            ["effectiveGasPrice"] = RpcHex.Quantity(result.EffectiveGasPrice),
            ["type"] = RpcHex.Quantity(transaction.TypeByte),
        };
    }

    public static JsonObject FormatLog(Log log, Hash32 blockHash, ulong blockNumber, Hash32 transactionHash, int transactionIndex, int logIndex)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new JsonObject
        {
            ["address"] = log.Address.ToLowerHexString(),
            ["topics"] = new JsonArray([.. log.Topics.Select(t => (JsonNode)JsonValue.Create(t.ToString()))]),
            ["data"] = RpcHex.Data(log.Data),
            ["blockNumber"] = RpcHex.Quantity(blockNumber),
            ["blockHash"] = blockHash.ToString(),
            ["transactionHash"] = transactionHash.ToString(),
            ["transactionIndex"] = RpcHex.Quantity((ulong)transactionIndex),
            ["logIndex"] = RpcHex.Quantity((ulong)logIndex),
            ["removed"] = false,
        };
    }
}
