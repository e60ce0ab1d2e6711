using System.Numerics;
using System.Text.Json.Nodes;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.Chain;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Silo.Rpc.Formatting;

/// <summary>
/// geth's transaction object. User transactions carry every field of their type (signature included). The system
/// transactions 0x7C/0x7D have no signature: they are rendered with <c>from</c> 0x8888…8888, their type, <c>to</c>,
/// <c>gas</c>, <c>input</c>, zero nonce, value and gas price, and <c>v</c>/<c>r</c>/<c>s</c> all <c>0x0</c> — op-geth's
/// convention for its unsigned deposit transactions, which ethers v6 relies on (it reads r/s of every transaction of a
/// full block and throws "missing r" when they are absent).
/// </summary>
public static class TransactionJson
{
    /// <summary>Where a transaction sits; all null for a pending one.</summary>
    public readonly record struct Position(Hash32? BlockHash, ulong? BlockNumber, int? Index, BigInteger? BaseFee);

    public static JsonObject Format(L2Transaction transaction, Address sender, Position position)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var json = new JsonObject
        {
            ["blockHash"] = position.BlockHash?.ToString(),
            ["blockNumber"] = position.BlockNumber is { } n ? RpcHex.Quantity(n) : null,
            ["transactionIndex"] = position.Index is { } i ? RpcHex.Quantity((ulong)i) : null,
            ["hash"] = transaction.Hash.ToString(),
        };
        switch (transaction)
        {
            case UserTransaction user:
                FormatUser(json, user.Transaction, sender, position.BaseFee);
                break;
            case SystemTransaction system:
                json["from"] = SystemAddresses.SystemSender.ToLowerHexString();
                json["to"] = system.To?.ToLowerHexString();
                json["gas"] = RpcHex.Quantity(system.Gas);
                json["gasPrice"] = "0x0";
                json["input"] = RpcHex.Data(system.Data.Span);
                json["nonce"] = "0x0";
                json["value"] = "0x0";
                json["type"] = RpcHex.Quantity(system.TypeByte);
                json["v"] = "0x0";
                json["r"] = "0x0";
                json["s"] = "0x0";
                break;
            default:
                throw new ArgumentException($"Unknown transaction kind {transaction.GetType().Name}.", nameof(transaction));
        }

        return json;
    }

    /// <summary>What the transaction paid per gas: the legacy price, or min(maxFee, baseFee + tip) once mined.</summary>
    public static BigInteger EffectiveGasPrice(EthereumTransaction transaction, BigInteger? baseFee) => transaction switch
    {
        LegacyTransaction legacy => legacy.GasPrice,
        AccessListTransaction accessList => accessList.GasPrice,
        DynamicFeeTransaction dynamic when baseFee is { } fee => BigInteger.Min(dynamic.MaxFeePerGas, fee + dynamic.MaxPriorityFeePerGas),
        DynamicFeeTransaction dynamic => dynamic.MaxFeePerGas,
        _ => BigInteger.Zero,
    };

    private static void FormatUser(JsonObject json, EthereumTransaction tx, Address sender, BigInteger? baseFee)
    {
        json["from"] = sender.ToLowerHexString();
        json["to"] = tx.To?.ToLowerHexString();
        json["gas"] = RpcHex.Quantity(tx.GasLimit);
        json["gasPrice"] = RpcHex.Quantity(EffectiveGasPrice(tx, baseFee));
        if (tx is DynamicFeeTransaction dynamic)
        {
            json["maxFeePerGas"] = RpcHex.Quantity(dynamic.MaxFeePerGas);
            json["maxPriorityFeePerGas"] = RpcHex.Quantity(dynamic.MaxPriorityFeePerGas);
        }

        json["input"] = RpcHex.Data(tx.Data);
        json["nonce"] = RpcHex.Quantity(tx.Nonce);
        json["value"] = RpcHex.Quantity(tx.Value);
        json["type"] = RpcHex.Quantity((ulong)tx.Type);
        if (tx.Type != TransactionType.Legacy)
        {
            var accessList = new JsonArray();
            foreach (var entry in tx.AccessList)
            {
                accessList.Add(new JsonObject
                {
                    ["address"] = entry.Address.ToLowerHexString(),
                    ["storageKeys"] = new JsonArray([.. entry.StorageKeys.Select(k => (JsonNode)JsonValue.Create(k.ToString()))]),
                });
            }

            json["accessList"] = accessList;
        }

        if (tx.ChainId is { } chainId)
        {
            json["chainId"] = RpcHex.Quantity(chainId);
        }

        if (tx.Signature is { } signature)
        {
            json["v"] = RpcHex.Quantity(signature.V);
            json["r"] = RpcHex.Quantity(signature.R);
            json["s"] = RpcHex.Quantity(signature.S);
            if (tx.Type != TransactionType.Legacy)
            {
                json["yParity"] = RpcHex.Quantity(signature.V);
            }
        }
    }
}
