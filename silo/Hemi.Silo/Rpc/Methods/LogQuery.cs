using System.Text.Json.Nodes;
using Hemi.Silo.Chain;
using Hemi.Silo.Rpc.Formatting;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>The logs of a block range that match a filter, as JSON-RPC log objects (<c>eth_getLogs</c> and the filter methods).</summary>
public static class LogQuery
{
    /// <summary>Scans blocks <paramref name="from"/>..<paramref name="to"/> (the caller bounds the range), skipping blocks whose bloom rules the filter out.</summary>
    /// <exception cref="JsonRpcException">More than <see cref="JsonRpcLimits.MaxLogs"/> logs match.</exception>
    public static async Task<JsonArray> CollectAsync(IL2Chain chain, JsonRpcLimits limits, LogFilter filter, ulong from, ulong to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(filter);
        var logs = new JsonArray();
        for (var n = from; n <= to; n++)
        {
            ct.ThrowIfCancellationRequested();
            var block = await chain.GetBlockAsync(n);
            if (block is null || !filter.MayMatch(block.Header.LogsBloom))
            {
                continue;
            }

            var hash = block.Header.Hash;
            var logIndex = 0;
            for (var i = 0; i < block.Execution.Transactions.Count; i++)
            {
                foreach (var log in block.Execution.Transactions[i].Receipt.Logs)
                {
                    if (filter.Matches(log))
                    {
                        if (logs.Count >= limits.MaxLogs)
                        {
                            throw JsonRpcException.Server($"query returned more than {limits.MaxLogs} results");
                        }

                        logs.Add(ReceiptJson.FormatLog(log, hash, n, block.Transactions[i].Hash, i, logIndex));
                    }

                    logIndex++;
                }
            }
        }

        return logs;
    }
}
