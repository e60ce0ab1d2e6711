using Hemi.Protocol.L2.Transactions;
using Hemi.Silo.Chain;

namespace Hemi.Silo.Diagnostics;

/// <summary>
/// Counts sealed blocks and included user transactions by reading the blocks sealed since the last look (at most
/// <see cref="MaxBlocksPerUpdate"/> per call, so a scrape stays cheap after a long pause; the count catches up over scrapes).
/// </summary>
public sealed class ChainStatistics
{
    public const int MaxBlocksPerUpdate = 2_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _lastCounted;
    private long _userTransactions;
    private long _systemTransactions;

    public long UserTransactions => Interlocked.Read(ref _userTransactions);

    public long SystemTransactions => Interlocked.Read(ref _systemTransactions);

    /// <summary>The highest block counted so far, or null.</summary>
    public ulong? LastCounted => _lastCounted;

    public async Task UpdateAsync(IL2Chain chain, ulong head)
    {
        ArgumentNullException.ThrowIfNull(chain);
        await _gate.WaitAsync();
        try
        {
            var next = _lastCounted is { } last ? last + 1 : 0;
            var end = Math.Min(head, next + MaxBlocksPerUpdate - 1);
            for (var n = next; n <= end && n <= head; n++)
            {
                var block = await chain.GetBlockAsync(n);
                if (block is null)
                {
                    break;
                }

                var system = block.Transactions.Count(t => t.IsSystem);
                Interlocked.Add(ref _systemTransactions, system);
                Interlocked.Add(ref _userTransactions, block.Transactions.Count - system);
                _lastCounted = n;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
