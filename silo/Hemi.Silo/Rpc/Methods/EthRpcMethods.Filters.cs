using System.Text.Json.Nodes;
using Hemi.Silo.Rpc.Filters;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>
/// Polling filters: <c>eth_newFilter</c>, <c>eth_newBlockFilter</c>, <c>eth_getFilterChanges</c>, <c>eth_getFilterLogs</c>,
/// <c>eth_uninstallFilter</c> (what ethers' <c>contract.on</c> and web3 subscriptions over HTTP use). A filter reports
/// the blocks sealed after it was installed; one poll covers at most <see cref="JsonRpcLimits.MaxLogsBlockRange"/>
/// blocks and the next poll goes on from there. Pending-transaction filters are not offered.
/// </summary>
public sealed partial class EthRpcMethods
{
    private void RegisterFilterMethods(IDictionary<string, RpcMethod> methods)
    {
        methods["eth_newFilter"] = NewFilterAsync;
        methods["eth_newBlockFilter"] = NewBlockFilterAsync;
        methods["eth_getFilterChanges"] = GetFilterChangesAsync;
        methods["eth_getFilterLogs"] = GetFilterLogsAsync;
        methods["eth_uninstallFilter"] = (p, _) =>
        {
            p.Expect(1, 1);
            return Result(filters.Uninstall(p.String(0)));
        };
    }

    private async Task<JsonNode?> NewFilterAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var criteria = LogFilter.Parse(p.Element(0), 0);
        if (criteria.BlockHash is not null)
        {
            throw RpcParams.Invalid(0, "blockHash is not supported by eth_newFilter (use eth_getLogs)");
        }

        var head = (await chain.GetHeadAsync()).Number;
        return filters.Install(RpcFilterKind.Logs, criteria, head + 1).Id;
    }

    private async Task<JsonNode?> NewBlockFilterAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(0, 0);
        var head = (await chain.GetHeadAsync()).Number;
        return filters.Install(RpcFilterKind.Blocks, null, head + 1).Id;
    }

    private async Task<JsonNode?> GetFilterChangesAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var filter = FindFilter(p);
        await filter.Gate.WaitAsync(ct);
        try
        {
            var head = (await chain.GetHeadAsync()).Number;
            var from = filter.NextBlock;
            var to = head;
            if (filter.Criteria is { } criteria)
            {
                // A numeric range still applies: nothing before fromBlock, nothing after toBlock.
                if (criteria.FromBlock is { Kind: BlockSelectorKind.Number, Number: var first } && first > from)
                {
                    from = first;
                }

                if (criteria.ToBlock is { Kind: BlockSelectorKind.Number, Number: var last } && last < to)
                {
                    to = last;
                }
            }

            if (from > to)
            {
                return new JsonArray();
            }

            to = Math.Min(to, from + (ulong)limits.MaxLogsBlockRange - 1);
            JsonArray changes;
            if (filter.Kind == RpcFilterKind.Blocks)
            {
                changes = [];
                for (var n = from; n <= to; n++)
                {
                    var block = await chain.GetBlockAsync(n);
                    if (block is null)
                    {
                        // Not readable yet: the next poll starts here.
                        to = n - 1;
                        break;
                    }

                    changes.Add(block.Header.Hash.ToString());
                }
            }
            else
            {
                changes = await LogQuery.CollectAsync(chain, limits, filter.Criteria!, from, to, ct);
            }

            filter.NextBlock = Math.Max(filter.NextBlock, to + 1);
            return changes;
        }
        finally
        {
            filter.Gate.Release();
        }
    }

    private async Task<JsonNode?> GetFilterLogsAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var filter = FindFilter(p);
        if (filter.Criteria is not { } criteria)
        {
            throw JsonRpcException.Server("filter not found: eth_getFilterLogs takes a log filter");
        }

        return await QueryLogsAsync(criteria, ct);
    }

    private RpcFilter FindFilter(RpcParams p) =>
        filters.Poll(p.String(0)) ?? throw JsonRpcException.Server("filter not found");
}
