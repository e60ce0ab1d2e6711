using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Transactions;
using Microsoft.AspNetCore.Http;

namespace Hemi.Bitcoin.Node.Rpc;

/// <summary>Maps bitcoind JSON-RPC calls (positional parameters) onto a <see cref="RegtestNode"/>.</summary>
internal sealed class RpcDispatcher(RegtestNode node)
{
    private const int MaxGenerate = 1_000;

    public async Task<(JsonNode Response, int Status)> DispatchAsync(JsonNode? request, CancellationToken ct)
    {
        if (request is not JsonObject call)
        {
            return (RegtestRpcServer.Error(null, RpcErrorCodes.InvalidRequest, "Invalid Request object"), StatusCodes.Status400BadRequest);
        }

        var id = call["id"];
        if (call["method"] is not JsonValue methodValue || !methodValue.TryGetValue<string>(out var method))
        {
            return (RegtestRpcServer.Error(id, RpcErrorCodes.InvalidRequest, "Method must be a string"), StatusCodes.Status400BadRequest);
        }

        var parameters = call["params"] switch
        {
            null => [],
            JsonArray array => array,
            _ => null,
        };
        if (parameters is null)
        {
            return (RegtestRpcServer.Error(id, RpcErrorCodes.InvalidRequest, "Params must be an array"), StatusCodes.Status400BadRequest);
        }

        try
        {
            var result = await InvokeAsync(method, parameters, ct).ConfigureAwait(false);
            return (new JsonObject { ["result"] = result, ["error"] = null, ["id"] = id?.DeepClone() }, StatusCodes.Status200OK);
        }
        catch (RpcException ex)
        {
            var status = ex.Code == RpcErrorCodes.MethodNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError;
            return (RegtestRpcServer.Error(id, ex.Code, ex.Message), status);
        }
    }

    private async Task<JsonNode?> InvokeAsync(string method, JsonArray p, CancellationToken ct)
    {
        switch (method)
        {
            case "getblockchaininfo":
            {
                var tip = await node.GetTipAsync(ct).ConfigureAwait(false);
                var header = (await node.GetHeaderAsync(tip.Hash, ct).ConfigureAwait(false))!;
                return new JsonObject
                {
                    ["chain"] = "regtest",
                    ["blocks"] = tip.Height,
                    ["headers"] = tip.Height,
                    ["bestblockhash"] = tip.Hash.ToString(),
                    ["bits"] = header.Header.Bits.ToString("x8", CultureInfo.InvariantCulture),
                    ["time"] = header.Header.Time,
                    ["initialblockdownload"] = false,
                    ["pruned"] = false,
                    ["warnings"] = new JsonArray(),
                };
            }

            case "getbestblockhash":
                return (await node.GetTipAsync(ct).ConfigureAwait(false)).Hash.ToString();

            case "getblockcount":
                return (await node.GetTipAsync(ct).ConfigureAwait(false)).Height;

            case "getblockhash":
            {
                var height = IntParam(p, 0, "height");
                var header = await node.GetHeaderAsync(height, ct).ConfigureAwait(false)
                    ?? throw new RpcException(RpcErrorCodes.InvalidParameter, "Block height out of range");
                return header.Hash.ToString();
            }

            case "getblockheader":
            {
                var header = await RequireHeaderAsync(HashParam(p, 0, "blockhash"), ct).ConfigureAwait(false);
                return OptionalBool(p, 1, "verbose", true)
                    ? await HeaderJsonAsync(header, ct).ConfigureAwait(false)
                    : Convert.ToHexStringLower(header.Header.ToBytes());
            }

            case "getblock":
            {
                var hash = HashParam(p, 0, "blockhash");
                var verbosity = p.Count > 1 && p[1] is JsonValue v && v.TryGetValue<bool>(out var flag) ? (flag ? 1 : 0) : OptionalInt(p, 1, "verbosity", 1);
                var header = await RequireHeaderAsync(hash, ct).ConfigureAwait(false);
                var block = (await node.GetBlockAsync(hash, ct).ConfigureAwait(false))!;
                if (verbosity == 0)
                {
                    return Convert.ToHexStringLower(block.ToBytes());
                }

                if (verbosity != 1)
                {
                    throw new RpcException(RpcErrorCodes.InvalidParameter, "Only verbosity 0 and 1 are supported");
                }

                var json = await HeaderJsonAsync(header, ct).ConfigureAwait(false);
                json["size"] = block.ToBytes().Length;
                json["strippedsize"] = block.ToBytes(includeWitness: false).Length;
                json["weight"] = block.Weight;
                json["tx"] = new JsonArray([.. block.GetTxIds().Select(t => (JsonNode)t.ToString())]);
                return json;
            }

            case "getrawtransaction":
            {
                var txId = HashParam(p, 0, "txid");
                var verbose = p.Count > 1 && p[1] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<int>(out var i) && i != 0);
                var info = await node.GetTransactionAsync(txId, ct).ConfigureAwait(false)
                    ?? throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "No such mempool or blockchain transaction");
                var hex = Convert.ToHexStringLower(info.Raw);
                if (!verbose)
                {
                    return hex;
                }

                var json = new JsonObject
                {
                    ["txid"] = info.Transaction.GetTxId().ToString(),
                    ["hash"] = info.Transaction.GetWitnessTxId().ToString(),
                    ["version"] = info.Transaction.Version,
                    ["size"] = info.Transaction.TotalSize,
                    ["vsize"] = info.Transaction.VirtualSize,
                    ["weight"] = info.Transaction.Weight,
                    ["locktime"] = info.Transaction.LockTime,
                    ["hex"] = hex,
                };
                if (info.Block is { } block)
                {
                    var tip = await node.GetTipAsync(ct).ConfigureAwait(false);
                    json["blockhash"] = block.Hash.ToString();
                    json["confirmations"] = tip.Height - block.Height + 1;
                }

                return json;
            }

            case "sendrawtransaction":
            {
                var tx = TxParam(p, 0);
                var existing = await node.GetTransactionAsync(tx.GetTxId(), ct).ConfigureAwait(false);
                if (existing is { IsConfirmed: true })
                {
                    throw new RpcException(RpcErrorCodes.VerifyAlreadyInChain, "Transaction already in block chain");
                }

                var result = await node.BroadcastAsync(tx, ct).ConfigureAwait(false);
                if (result.Rejection is { } rejection)
                {
                    if (rejection.Code == RejectCode.AlreadyInMempool)
                    {
                        return result.TxId.ToString(); // bitcoind re-announces and returns the txid
                    }

                    var code = rejection.Code == RejectCode.MissingOrSpentInputs ? RpcErrorCodes.VerifyError : RpcErrorCodes.VerifyRejected;
                    throw new RpcException(code, rejection.ToString());
                }

                return result.TxId.ToString();
            }

            case "testmempoolaccept":
            {
                if (p.Count < 1 || p[0] is not JsonArray raws)
                {
                    throw new RpcException(RpcErrorCodes.TypeError, "Expected type array for rawtxs");
                }

                var results = new JsonArray();
                foreach (var raw in raws)
                {
                    var tx = DecodeTx(raw);
                    var result = await node.TestMempoolAcceptAsync(tx, ct).ConfigureAwait(false);
                    var entry = new JsonObject
                    {
                        ["txid"] = result.TxId.ToString(),
                        ["wtxid"] = tx.GetWitnessTxId().ToString(),
                        ["allowed"] = result.Accepted,
                    };
                    if (result.Rejection is { } rejection)
                    {
                        entry["reject-reason"] = rejection.Reason;
                    }

                    results.Add(entry);
                }

                return results;
            }

            case "getrawmempool":
                return new JsonArray([.. (await node.GetMempoolAsync(ct).ConfigureAwait(false)).Select(t => (JsonNode)t.ToString())]);

            case "estimatesmartfee":
            {
                var target = IntParam(p, 0, "conf_target");
                if (target is < 1 or > 1008)
                {
                    throw new RpcException(RpcErrorCodes.InvalidParameter, "Invalid conf_target, must be between 1 and 1008");
                }

                var rate = await node.EstimateFeeAsync(target, ct).ConfigureAwait(false);
                return new JsonObject { ["feerate"] = rate.SatoshisPerKilovbyte / 100_000_000m, ["blocks"] = target };
            }

            case "generatetoaddress":
            {
                var count = IntParam(p, 0, "nblocks");
                if (count is < 0 or > MaxGenerate)
                {
                    throw new RpcException(RpcErrorCodes.InvalidParameter, $"nblocks must be between 0 and {MaxGenerate}");
                }

                var address = StringParam(p, 1, "address");
                if (!BitcoinAddress.TryParse(address, node.Network, out var script))
                {
                    throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "Error: Invalid address");
                }

                var hashes = await node.GenerateToAddressAsync(count, script, ct).ConfigureAwait(false);
                return new JsonArray([.. hashes.Select(h => (JsonNode)h.ToString())]);
            }

            case "invalidateblock":
            {
                var hash = HashParam(p, 0, "blockhash");
                await RequireHeaderAsync(hash, ct).ConfigureAwait(false);
                try
                {
                    await node.InvalidateBlockAsync(hash, ct).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex)
                {
                    throw new RpcException(RpcErrorCodes.MiscError, ex.Message);
                }

                return null;
            }

            case "scantxoutset":
                return await ScanTxOutSetAsync(p, ct).ConfigureAwait(false);

            default:
                throw new RpcException(RpcErrorCodes.MethodNotFound, "Method not found");
        }
    }

    /// <summary>
    /// scantxoutset "start" with addr(...) and raw(...) descriptors (a trailing #checksum is accepted but not verified);
    /// there is never a scan in progress, so "status" gives null and "abort" false, as bitcoind does when idle.
    /// </summary>
    private async Task<JsonNode?> ScanTxOutSetAsync(JsonArray p, CancellationToken ct)
    {
        var action = StringParam(p, 0, "action");
        switch (action)
        {
            case "status":
                return null;
            case "abort":
                return false;
            case "start":
                break;
            default:
                throw new RpcException(RpcErrorCodes.InvalidParameter, "Invalid action '" + Truncate(action) + "'");
        }

        if (p.Count < 2 || p[1] is not JsonArray objects)
        {
            throw new RpcException(RpcErrorCodes.InvalidParameter, "scanobjects argument is required for the start action");
        }

        var tip = await node.GetTipAsync(ct).ConfigureAwait(false);
        var unspents = new JsonArray();
        long total = 0;
        long count = 0;
        foreach (var item in objects)
        {
            var descriptor = item switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonObject o when o["desc"] is JsonValue d && d.TryGetValue<string>(out var text) => text,
                _ => throw new RpcException(RpcErrorCodes.InvalidParameter, "Scan object needs to be either a string or an object"),
            };
            var script = ParseDescriptor(descriptor);
            foreach (var utxo in await node.GetUtxosAsync(script, excludeMempoolSpent: false, ct).ConfigureAwait(false))
            {
                total += utxo.Output.Value;
                count++;
                unspents.Add(new JsonObject
                {
                    ["txid"] = utxo.OutPoint.TxId.ToString(),
                    ["vout"] = utxo.OutPoint.Index,
                    ["scriptPubKey"] = Convert.ToHexStringLower(utxo.Output.ScriptPubKey),
                    ["desc"] = descriptor,
                    ["amount"] = utxo.Output.Value / 100_000_000m,
                    ["coinbase"] = utxo.IsCoinbase,
                    ["height"] = utxo.Height,
                    ["blockhash"] = (await node.GetHeaderAsync(utxo.Height, ct).ConfigureAwait(false))?.Hash.ToString(),
                    ["confirmations"] = tip.Height - utxo.Height + 1,
                });
            }
        }

        return new JsonObject
        {
            ["success"] = true,
            ["txouts"] = count,
            ["height"] = tip.Height,
            ["bestblock"] = tip.Hash.ToString(),
            ["unspents"] = unspents,
            ["total_amount"] = total / 100_000_000m,
        };
    }

    private byte[] ParseDescriptor(string descriptor)
    {
        var body = descriptor;
        var hash = body.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            body = body[..hash];
        }

        if (body.StartsWith("addr(", StringComparison.Ordinal) && body.EndsWith(')'))
        {
            return BitcoinAddress.TryParse(body[5..^1], node.Network, out var script)
                ? script
                : throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "Invalid address in descriptor");
        }

        if (body.StartsWith("raw(", StringComparison.Ordinal) && body.EndsWith(')'))
        {
            try
            {
                return Convert.FromHexString(body[4..^1]);
            }
            catch (FormatException)
            {
                throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "raw(): script must be hex");
            }
        }

        throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "Only addr() and raw() descriptors are supported: '" + Truncate(descriptor) + "'");
    }

    private async Task<ChainHeader> RequireHeaderAsync(Hash256 hash, CancellationToken ct) =>
        await node.GetHeaderAsync(hash, ct).ConfigureAwait(false) ?? throw new RpcException(RpcErrorCodes.InvalidAddressOrKey, "Block not found");

    private async Task<JsonObject> HeaderJsonAsync(ChainHeader header, CancellationToken ct)
    {
        var tip = await node.GetTipAsync(ct).ConfigureAwait(false);
        var h = header.Header;
        var json = new JsonObject
        {
            ["hash"] = header.Hash.ToString(),
            ["confirmations"] = header.IsOnBestChain ? tip.Height - header.Height + 1 : -1,
            ["height"] = header.Height,
            ["version"] = h.Version,
            ["versionHex"] = h.Version.ToString("x8", CultureInfo.InvariantCulture),
            ["merkleroot"] = h.MerkleRoot.ToString(),
            ["time"] = h.Time,
            ["nonce"] = h.Nonce,
            ["bits"] = h.Bits.ToString("x8", CultureInfo.InvariantCulture),
        };
        if (header.Height > 0)
        {
            json["previousblockhash"] = h.PrevBlock.ToString();
        }

        if (header.IsOnBestChain && await node.GetHeaderAsync(header.Height + 1, ct).ConfigureAwait(false) is { } next)
        {
            json["nextblockhash"] = next.Hash.ToString();
        }

        return json;
    }

    private static Transaction TxParam(JsonArray p, int index)
    {
        if (p.Count <= index)
        {
            throw new RpcException(RpcErrorCodes.InvalidParameter, "Missing hexstring");
        }

        return DecodeTx(p[index]);
    }

    private static Transaction DecodeTx(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var hex))
        {
            throw new RpcException(RpcErrorCodes.TypeError, "Expected type string for hexstring");
        }

        try
        {
            return Transaction.Parse(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            throw new RpcException(RpcErrorCodes.DeserializationError, "TX decode failed");
        }
    }

    private static Hash256 HashParam(JsonArray p, int index, string name)
    {
        var text = StringParam(p, index, name);
        if (text.Length != 64 || !Hash256.TryParse(text, out var hash))
        {
            throw new RpcException(RpcErrorCodes.InvalidParameter, $"{name} must be of length 64 (not {text.Length}, for '{Truncate(text)}') and hexadecimal");
        }

        return hash;
    }

    private static string StringParam(JsonArray p, int index, string name)
    {
        if (p.Count <= index || p[index] is null)
        {
            throw new RpcException(RpcErrorCodes.InvalidParameter, $"Missing required parameter {name}");
        }

        return p[index] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new RpcException(RpcErrorCodes.TypeError, $"Expected type string for {name}");
    }

    private static int IntParam(JsonArray p, int index, string name)
    {
        if (p.Count <= index || p[index] is null)
        {
            throw new RpcException(RpcErrorCodes.InvalidParameter, $"Missing required parameter {name}");
        }

        if (p[index] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number))
        {
            return number;
        }

        throw new RpcException(RpcErrorCodes.TypeError, $"Expected type number for {name}");
    }

    private static int OptionalInt(JsonArray p, int index, string name, int fallback) =>
        p.Count <= index || p[index] is null ? fallback : IntParam(p, index, name);

    private static bool OptionalBool(JsonArray p, int index, string name, bool fallback)
    {
        if (p.Count <= index || p[index] is null)
        {
            return fallback;
        }

        return p[index] is JsonValue value && value.TryGetValue<bool>(out var flag)
            ? flag
            : throw new RpcException(RpcErrorCodes.TypeError, $"Expected type bool for {name}");
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
