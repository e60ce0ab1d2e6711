namespace Hemi.Silo.Chain;

/// <summary>
/// Answers the <c>finalized</c> block tag: the newest keystone block that is Bitcoin-superfinal (genesis before any).
/// The answer is cached briefly because finding it asks several keystone grains.
/// </summary>
public sealed class FinalizedBlockTracker(TimeProvider time)
{
    /// <summary>Keystones searched, newest first (kss's own maximum).</summary>
    public const int SearchDepth = 50;

    private static readonly TimeSpan s_cacheLifetime = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private (ulong Number, DateTimeOffset Expires)? _cached;

    public async Task<ulong> GetFinalizedNumberAsync(IL2Chain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        lock (_lock)
        {
            if (_cached is { } cached && cached.Expires > time.GetUtcNow())
            {
                return cached.Number;
            }
        }

        ulong number = 0;
        foreach (var keystone in await chain.GetLatestKeystonesAsync(SearchDepth))
        {
            var finality = await chain.GetKeystoneFinalityAsync(KeystoneText.HashOf(keystone));
            if (finality is { SuperFinality: true })
            {
                number = keystone.L2BlockNumber;
                break;
            }
        }

        lock (_lock)
        {
            _cached = (number, time.GetUtcNow() + s_cacheLifetime);
        }

        return number;
    }
}
