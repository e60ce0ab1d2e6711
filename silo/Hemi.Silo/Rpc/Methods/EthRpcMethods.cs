using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.Transactions;
using Hemi.Silo.Chain;
using Hemi.Silo.Rpc.Filters;
using Hemi.Silo.Rpc.Formatting;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>
/// The Ethereum namespaces (<c>web3_</c>, <c>net_</c>, <c>eth_</c>) over an <see cref="IL2Chain"/>. Block tags:
/// <c>latest</c>, <c>pending</c> and <c>safe</c> are the latest sealed block (one sequencer, no reorgs below it; <c>pending</c>
/// nonces count queued transactions), <c>finalized</c> is the newest superfinal keystone block (genesis before any),
/// <c>earliest</c> is genesis.
/// </summary>
public sealed partial class EthRpcMethods(IL2Chain chain, JsonRpcLimits limits, FinalizedBlockTracker finalized, RpcFilterRegistry filters, string clientVersion)
{
    /// <summary>Most storage keys one <c>eth_getProof</c> asks for.</summary>
    public const int MaxProofKeys = 1000;

    /// <summary>Most reward percentiles of <c>eth_feeHistory</c>.</summary>
    public const int MaxRewardPercentiles = 100;

    public void Register(IDictionary<string, RpcMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        methods["web3_clientVersion"] = (p, _) => { p.Expect(0, 0); return Result(clientVersion); };
        methods["web3_sha3"] = (p, _) => { p.Expect(1, 1); return Result(RpcHex.Data(Keccak256.Hash(p.Data(0, limits.MaxTransactionBytes)))); };
        methods["net_version"] = (p, _) => { p.Expect(0, 0); return Result(chain.ChainId.ToString(CultureInfo.InvariantCulture)); };
        methods["net_listening"] = (p, _) => { p.Expect(0, 0); return Result(true); };
        methods["net_peerCount"] = (p, _) => { p.Expect(0, 0); return Result("0x0"); };
        methods["eth_chainId"] = (p, _) => { p.Expect(0, 0); return Result(RpcHex.Quantity(chain.ChainId)); };
        methods["eth_syncing"] = (p, _) => { p.Expect(0, 0); return Result(false); };
        methods["eth_accounts"] = (p, _) => { p.Expect(0, 0); return Task.FromResult<JsonNode?>(new JsonArray()); };
        methods["eth_mining"] = (p, _) => { p.Expect(0, 0); return Result(false); };
        methods["eth_hashrate"] = (p, _) => { p.Expect(0, 0); return Result("0x0"); };
        methods["eth_blockNumber"] = BlockNumberAsync;
        methods["eth_getBlockByNumber"] = GetBlockByNumberAsync;
        methods["eth_getBlockByHash"] = GetBlockByHashAsync;
        methods["eth_getBlockTransactionCountByNumber"] = GetBlockTransactionCountByNumberAsync;
        methods["eth_getBlockTransactionCountByHash"] = GetBlockTransactionCountByHashAsync;
        methods["eth_getUncleCountByBlockNumber"] = async (p, _) => { p.Expect(1, 1); return await ResolveBlockAsync(p.Block(0, BlockSelector.Latest)) is null ? null : "0x0"; };
        methods["eth_getTransactionByHash"] = GetTransactionByHashAsync;
        methods["eth_getTransactionByBlockNumberAndIndex"] = GetTransactionByBlockNumberAndIndexAsync;
        methods["eth_getTransactionByBlockHashAndIndex"] = GetTransactionByBlockHashAndIndexAsync;
        methods["eth_getUncleCountByBlockHash"] = async (p, _) => { p.Expect(1, 1); return await ResolveBlockAsync(new BlockSelector(BlockSelectorKind.Hash, Hash: p.Hash(0))) is null ? null : "0x0"; };
        methods["eth_getUncleByBlockNumberAndIndex"] = (p, _) => { p.Expect(2, 2); p.Block(0, BlockSelector.Latest); p.UInt64(1); return Result(null); };
        methods["eth_getUncleByBlockHashAndIndex"] = (p, _) => { p.Expect(2, 2); p.Hash(0); p.UInt64(1); return Result(null); };
        methods["eth_getTransactionReceipt"] = GetTransactionReceiptAsync;
        methods["eth_getBlockReceipts"] = GetBlockReceiptsAsync;
        methods["eth_getTransactionCount"] = GetTransactionCountAsync;
        methods["eth_getBalance"] = GetBalanceAsync;
        methods["eth_getCode"] = GetCodeAsync;
        methods["eth_getStorageAt"] = GetStorageAtAsync;
        methods["eth_call"] = CallAsync;
        methods["eth_estimateGas"] = EstimateGasAsync;
        methods["eth_gasPrice"] = GasPriceAsync;
        methods["eth_maxPriorityFeePerGas"] = (p, _) => { p.Expect(0, 0); return Result(RpcHex.Quantity((ulong)limits.SuggestedPriorityFeeWei)); };
        methods["eth_feeHistory"] = FeeHistoryAsync;
        methods["eth_sendRawTransaction"] = SendRawTransactionAsync;
        methods["eth_getLogs"] = GetLogsAsync;
        methods["eth_getProof"] = GetProofAsync;
        RegisterFilterMethods(methods);
    }

    private static Task<JsonNode?> Result(JsonNode? value) => Task.FromResult(value);

    private async Task<JsonNode?> BlockNumberAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(0, 0);
        return RpcHex.Quantity((await chain.GetHeadAsync()).Number);
    }

    private async Task<JsonNode?> GetBlockByNumberAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var selector = p.Block(0, BlockSelector.Latest);
        var full = p.Has(1) && p.Bool(1);
        var block = await ResolveBlockAsync(selector);
        return block is null ? null : BlockJson.Format(block, full);
    }

    private async Task<JsonNode?> GetBlockByHashAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var hash = p.Hash(0);
        var full = p.Has(1) && p.Bool(1);
        var block = await ResolveBlockAsync(new BlockSelector(BlockSelectorKind.Hash, Hash: hash));
        return block is null ? null : BlockJson.Format(block, full);
    }

    private async Task<JsonNode?> GetBlockTransactionCountByNumberAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var block = await ResolveBlockAsync(p.Block(0, BlockSelector.Latest));
        return block is null ? null : RpcHex.Quantity((ulong)block.Transactions.Count);
    }

    private async Task<JsonNode?> GetBlockTransactionCountByHashAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var block = await ResolveBlockAsync(new BlockSelector(BlockSelectorKind.Hash, Hash: p.Hash(0)));
        return block is null ? null : RpcHex.Quantity((ulong)block.Transactions.Count);
    }

    private async Task<JsonNode?> GetTransactionByHashAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var hash = p.Hash(0);

        // A pending transaction can be sealed between the two reads: then look it up again, now in its block.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var location = await chain.GetTransactionLocationAsync(hash);
            if (location is null)
            {
                return null;
            }

            if (location.BlockNumber is { } number)
            {
                var block = await chain.GetBlockAsync(number);
                return block is null || location.Index < 0 || location.Index >= block.Transactions.Count ? null : FormatTransaction(block, location.Index);
            }

            if (await chain.GetPendingTransactionAsync(hash) is { } pending)
            {
                return TransactionJson.Format(pending.Transaction, pending.Sender, default);
            }
        }

        return null;
    }

    private async Task<JsonNode?> GetTransactionByBlockNumberAndIndexAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(2, 2);
        var block = await ResolveBlockAsync(p.Block(0, BlockSelector.Latest));
        var index = p.UInt64(1);
        return block is null || index >= (ulong)block.Transactions.Count ? null : FormatTransaction(block, (int)index);
    }

    private async Task<JsonNode?> GetTransactionByBlockHashAndIndexAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(2, 2);
        var block = await ResolveBlockAsync(new BlockSelector(BlockSelectorKind.Hash, Hash: p.Hash(0)));
        var index = p.UInt64(1);
        return block is null || index >= (ulong)block.Transactions.Count ? null : FormatTransaction(block, (int)index);
    }

    private async Task<JsonNode?> GetTransactionReceiptAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var location = await chain.GetTransactionLocationAsync(p.Hash(0));
        if (location?.BlockNumber is not { } number)
        {
            return null;
        }

        var block = await chain.GetBlockAsync(number);
        return block is null || location.Index < 0 || location.Index >= block.Transactions.Count ? null : ReceiptJson.Format(block, location.Index);
    }

    private async Task<JsonNode?> GetBlockReceiptsAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var block = await ResolveBlockAsync(p.Block(0, BlockSelector.Latest));
        if (block is null)
        {
            return null;
        }

        var receipts = new JsonArray();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            receipts.Add(ReceiptJson.Format(block, i));
        }

        return receipts;
    }

    private async Task<JsonNode?> GetTransactionCountAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var address = p.Address(0);
        var selector = p.Block(1, BlockSelector.Latest);
        if (selector.Kind == BlockSelectorKind.Pending)
        {
            return RpcHex.Quantity(await chain.GetPendingNonceAsync(address));
        }

        var account = await chain.GetAccountAsync(address, await StateBlockAsync(selector));
        return RpcHex.Quantity(account.Nonce);
    }

    private async Task<JsonNode?> GetBalanceAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var address = p.Address(0);
        var account = await chain.GetAccountAsync(address, await StateBlockAsync(p.Block(1, BlockSelector.Latest)));
        return RpcHex.Quantity(account.Balance);
    }

    private async Task<JsonNode?> GetCodeAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var address = p.Address(0);
        var account = await chain.GetAccountAsync(address, await StateBlockAsync(p.Block(1, BlockSelector.Latest)));
        return RpcHex.Data(account.Code);
    }

    private async Task<JsonNode?> GetStorageAtAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(2, 3);
        var address = p.Address(0);
        var slot = StorageKey(p, 1);
        var value = await chain.GetStorageAtAsync(address, slot, await StateBlockAsync(p.Block(2, BlockSelector.Latest)));
        return value.ToString();
    }

    private async Task<JsonNode?> CallAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 3);
        var request = CallObject.Parse(p.Element(0), 0, limits.MaxTransactionBytes);
        var block = await StateBlockAsync(p.Block(1, BlockSelector.Latest));
        var outcome = await chain.CallAsync(request, block);
        if (!outcome.Success)
        {
            var reason = string.IsNullOrEmpty(outcome.Error) ? "execution reverted" : outcome.Error;
            throw new JsonRpcException(
                JsonRpcErrorCodes.ExecutionReverted,
                reason.StartsWith("execution reverted", StringComparison.Ordinal) ? reason : "execution reverted: " + reason,
                RpcHex.Data(outcome.ReturnData));
        }

        return RpcHex.Data(outcome.ReturnData);
    }

    private async Task<JsonNode?> EstimateGasAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var request = CallObject.Parse(p.Element(0), 0, limits.MaxTransactionBytes);
        if (p.Has(1))
        {
            // Estimates run on the latest state; an explicit block is accepted when it names that state.
            var selector = p.Block(1, BlockSelector.Latest);
            if (selector.Kind is not (BlockSelectorKind.Latest or BlockSelectorKind.Pending))
            {
                var head = await chain.GetHeadAsync();
                if (await StateBlockAsync(selector) is { } number && number != head.Number)
                {
                    throw JsonRpcException.Server("eth_estimateGas runs on the latest block only");
                }
            }
        }

        return RpcHex.Quantity(await chain.EstimateGasAsync(request));
    }

    private async Task<JsonNode?> GasPriceAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(0, 0);
        var head = await chain.GetHeadAsync();
        return RpcHex.Quantity(head.NextBaseFee + limits.SuggestedPriorityFeeWei);
    }

    private async Task<JsonNode?> FeeHistoryAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(2, 3);
        var count = (ulong)p.SmallInteger(0, 0, int.MaxValue);
        if (count > (ulong)limits.MaxFeeHistoryBlocks)
        {
            count = (ulong)limits.MaxFeeHistoryBlocks;
        }

        var selector = p.Block(1, BlockSelector.Latest);
        var percentiles = p.Has(2) ? Percentiles(p.Element(2)) : null;
        var newest = await ResolveNumberAsync(selector) ?? throw JsonRpcException.Server("header not found");
        var head = await chain.GetHeadAsync();
        if (newest > head.Number)
        {
            throw JsonRpcException.Server($"request beyond head block: requested {newest}, head {head.Number}");
        }

        if (count == 0)
        {
            return new JsonObject { ["oldestBlock"] = "0x0", ["baseFeePerGas"] = new JsonArray(), ["gasUsedRatio"] = new JsonArray() };
        }

        var oldest = newest + 1 >= count ? newest + 1 - count : 0;
        var baseFees = new JsonArray();
        var ratios = new JsonArray();
        var rewards = new JsonArray();
        SealedL2Block? last = null;
        for (var n = oldest; n <= newest; n++)
        {
            var block = await chain.GetBlockAsync(n) ?? throw JsonRpcException.Server($"block {n} not found");
            var header = block.Header;
            baseFees.Add(RpcHex.Quantity(header.BaseFeePerGas ?? BigInteger.Zero));
            ratios.Add(header.GasLimit == 0 ? 0.0 : (double)header.GasUsed / header.GasLimit);
            if (percentiles is not null)
            {
                rewards.Add(Rewards(block, percentiles));
            }

            last = block;
        }

        var lastHeader = last!.Header;
        baseFees.Add(RpcHex.Quantity(BaseFee.Next(lastHeader.GasLimit, lastHeader.GasUsed, lastHeader.BaseFeePerGas ?? BigInteger.Zero)));
        var result = new JsonObject { ["oldestBlock"] = RpcHex.Quantity(oldest), ["baseFeePerGas"] = baseFees, ["gasUsedRatio"] = ratios };
        if (percentiles is not null)
        {
            result["reward"] = rewards;
        }

        return result;
    }

    private async Task<JsonNode?> SendRawTransactionAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var raw = p.Data(0, limits.MaxTransactionBytes);
        if (raw.Length == 0)
        {
            throw RpcParams.Invalid(0, "empty transaction");
        }

        return (await chain.SendRawTransactionAsync(raw)).ToString();
    }

    private async Task<JsonNode?> GetLogsAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        return await QueryLogsAsync(LogFilter.Parse(p.Element(0), 0), ct);
    }

    /// <summary>The logs <paramref name="filter"/> selects over its block range (or block hash), as <c>eth_getLogs</c> returns them.</summary>
    private async Task<JsonArray> QueryLogsAsync(LogFilter filter, CancellationToken ct)
    {
        ulong from;
        ulong to;
        if (filter.BlockHash is { } blockHash)
        {
            var number = await chain.GetBlockNumberAsync(blockHash) ?? throw JsonRpcException.Server("unknown block");
            from = to = number;
        }
        else
        {
            var head = (await chain.GetHeadAsync()).Number;
            from = await ResolveNumberAsync(filter.FromBlock ?? BlockSelector.Latest) ?? head;
            to = await ResolveNumberAsync(filter.ToBlock ?? BlockSelector.Latest) ?? head;
            if (from > to)
            {
                throw JsonRpcException.InvalidParams("invalid block range params: fromBlock is after toBlock");
            }

            if (to - from >= (ulong)limits.MaxLogsBlockRange)
            {
                throw JsonRpcException.Server($"block range too large: {to - from + 1} blocks, the limit is {limits.MaxLogsBlockRange}");
            }

            if (from > head)
            {
                return new JsonArray();
            }

            to = Math.Min(to, head);
        }

        return await LogQuery.CollectAsync(chain, limits, filter, from, to, ct);
    }

    private async Task<JsonNode?> GetProofAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(2, 3);
        var address = p.Address(0);
        var keysElement = p.Element(1);
        if (keysElement.ValueKind != JsonValueKind.Array)
        {
            throw RpcParams.Invalid(1, $"expected an array of storage keys, got {RpcParams.Describe(keysElement)}");
        }

        if (keysElement.GetArrayLength() > MaxProofKeys)
        {
            throw RpcParams.Invalid(1, $"at most {MaxProofKeys} storage keys");
        }

        var keys = new List<Hash32>();
        foreach (var key in keysElement.EnumerateArray())
        {
            keys.Add(StorageKey(key, 1));
        }

        var proof = await chain.GetProofAsync(address, keys, await StateBlockAsync(p.Block(2, BlockSelector.Latest)));
        var storage = new JsonArray();
        foreach (var slot in proof.StorageProof)
        {
            storage.Add(new JsonObject
            {
                ["key"] = slot.Key.ToString(),
                ["value"] = RpcHex.Quantity(slot.Value),
                ["proof"] = HexArray(slot.Proof),
            });
        }

        return new JsonObject
        {
            ["address"] = proof.Address.ToLowerHexString(),
            ["accountProof"] = HexArray(proof.AccountProofNodes),
            ["balance"] = RpcHex.Quantity(proof.Balance),
            ["codeHash"] = proof.CodeHash.ToString(),
            ["nonce"] = RpcHex.Quantity(proof.Nonce),
            ["storageHash"] = proof.StorageHash.ToString(),
            ["storageProof"] = storage,
        };
    }

    /// <summary>The block a selector names, or null when it does not exist (yet).</summary>
    private async Task<SealedL2Block?> ResolveBlockAsync(BlockSelector selector)
    {
        var number = await ResolveNumberAsync(selector);
        return number is { } n ? await chain.GetBlockAsync(n) : null;
    }

    private async Task<ulong?> ResolveNumberAsync(BlockSelector selector) => selector.Kind switch
    {
        BlockSelectorKind.Earliest => 0,
        BlockSelectorKind.Number => selector.Number,
        BlockSelectorKind.Hash => await chain.GetBlockNumberAsync(selector.Hash),
        BlockSelectorKind.Finalized => await finalized.GetFinalizedNumberAsync(chain),
        _ => (await chain.GetHeadAsync()).Number,
    };

    /// <summary>The block number a state query runs at (null = latest); unknown or future blocks are errors, as in geth.</summary>
    private async Task<ulong?> StateBlockAsync(BlockSelector selector)
    {
        switch (selector.Kind)
        {
            case BlockSelectorKind.Latest or BlockSelectorKind.Pending or BlockSelectorKind.Safe:
                return null;
            case BlockSelectorKind.Hash:
                return await chain.GetBlockNumberAsync(selector.Hash) ?? throw JsonRpcException.Server($"header for hash {selector.Hash} not found");
            default:
            {
                var number = (await ResolveNumberAsync(selector))!.Value;
                var head = await chain.GetHeadAsync();
                if (number > head.Number)
                {
                    throw JsonRpcException.Server("header not found");
                }

                return number;
            }
        }
    }

    private JsonObject FormatTransaction(SealedL2Block block, int index) =>
        TransactionJson.Format(
            block.Transactions[index],
            block.Execution.Transactions[index].Sender,
            new TransactionJson.Position(block.Header.Hash, block.Header.Number, index, block.Header.BaseFeePerGas));

    private static Hash32 StorageKey(RpcParams p, int index) => StorageKey(p.Element(index), index);

    /// <summary>A storage slot: up to 32 bytes of hex, left-padded (geth accepts short keys such as "0x0").</summary>
    private static Hash32 StorageKey(JsonElement element, int argument)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw RpcParams.Invalid(argument, $"expected a storage key hex string, got {RpcParams.Describe(element)}");
        }

        var text = element.GetString()!;
        if (text.Length < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            throw RpcParams.Invalid(argument, "storage key without 0x prefix");
        }

        var digits = text.AsSpan(2);
        if (digits.Length > 64)
        {
            throw RpcParams.Invalid(argument, "storage key longer than 32 bytes");
        }

        Span<char> padded = stackalloc char[64];
        padded.Fill('0');
        digits.CopyTo(padded[(64 - digits.Length)..]);
        var bytes = new byte[32];
        if (Convert.FromHexString(padded, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw RpcParams.Invalid(argument, "invalid hex in storage key");
        }

        return new Hash32(bytes);
    }

    private static double[] Percentiles(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw RpcParams.Invalid(2, "reward percentiles must be an array of numbers");
        }

        if (element.GetArrayLength() > MaxRewardPercentiles)
        {
            throw RpcParams.Invalid(2, $"at most {MaxRewardPercentiles} reward percentiles");
        }

        var values = new List<double>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value) || value is < 0 or > 100 || double.IsNaN(value))
            {
                throw RpcParams.Invalid(2, "reward percentiles must be numbers between 0 and 100");
            }

            if (values.Count > 0 && value < values[^1])
            {
                throw RpcParams.Invalid(2, "reward percentiles must be in non-decreasing order");
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>The priority fee paid at each percentile of the block's gas, as geth computes it (weighted by gas used).</summary>
    private static JsonArray Rewards(SealedL2Block block, double[] percentiles)
    {
        var baseFee = block.Header.BaseFeePerGas ?? BigInteger.Zero;
        var tips = new List<(BigInteger Tip, ulong Gas)>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (block.Transactions[i] is UserTransaction)
            {
                var result = block.Execution.Transactions[i];
                tips.Add((BigInteger.Max(BigInteger.Zero, result.EffectiveGasPrice - baseFee), result.GasUsed));
            }
        }

        var rewards = new JsonArray();
        if (tips.Count == 0 || block.Header.GasUsed == 0)
        {
            foreach (var _ in percentiles)
            {
                rewards.Add("0x0");
            }

            return rewards;
        }

        tips.Sort((a, b) => a.Tip.CompareTo(b.Tip));
        var totalGas = tips.Aggregate(0UL, (sum, t) => sum + t.Gas);
        var index = 0;
        var cumulative = tips[0].Gas;
        foreach (var percentile in percentiles)
        {
            var threshold = totalGas * percentile / 100;
            while (cumulative < threshold && index < tips.Count - 1)
            {
                index++;
                cumulative += tips[index].Gas;
            }

            rewards.Add(RpcHex.Quantity(tips[index].Tip));
        }

        return rewards;
    }

    private static JsonArray HexArray(IEnumerable<byte[]> nodes) =>
        new([.. nodes.Select(n => (JsonNode)JsonValue.Create(RpcHex.Data(n)))]);
}
