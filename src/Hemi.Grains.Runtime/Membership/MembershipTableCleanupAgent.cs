using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Prunes dead rows (Orleans: <c>MembershipTableCleanupAgent</c>): those whose last activity is older than
/// <see cref="ClusterMembershipOptions.DefunctSiloExpiration"/>, and beyond the newest
/// <see cref="ClusterMembershipOptions.MaxDefunctSiloEntries"/> dead rows the older ones too. Never advances the version.
/// </summary>
public sealed partial class MembershipTableCleanupAgent
{
    private readonly IMembershipTable _table;
    private readonly ClusterMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the agent.</summary>
    public MembershipTableCleanupAgent(IMembershipTable table, MembershipTableManager manager, TimeProvider timeProvider, ILogger<MembershipTableCleanupAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = table;
        _options = manager.Options;
        _time = timeProvider;
        _logger = logger ?? NullLogger<MembershipTableCleanupAgent>.Instance;
    }

    /// <summary>The cut-off date used for a table read at <paramref name="now"/>: expiration, or earlier rows beyond the cap.</summary>
    public static DateTimeOffset ComputeCutoff(MembershipTableData table, DateTimeOffset now, ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = now - options.DefunctSiloExpiration;
        var dead = table.Members
            .Where(r => r.Entry.Status == SiloStatus.Dead)
            .Select(r => r.Entry.LastActivity)
            .OrderByDescending(t => t)
            .ToList();
        if (dead.Count > options.MaxDefunctSiloEntries)
        {
            // Everything strictly older than the oldest row we keep goes (ties with it are kept).
            var oldestKept = options.MaxDefunctSiloEntries == 0 ? now + TimeSpan.FromTicks(1) : dead[options.MaxDefunctSiloEntries - 1];
            if (oldestKept > cutoff)
            {
                cutoff = oldestKept;
            }
        }

        return cutoff;
    }

    /// <summary>Runs one cleanup.</summary>
    public async Task CleanupDefunctEntries()
    {
        var table = await _table.ReadAll().ConfigureAwait(false);
        var cutoff = ComputeCutoff(table, _time.GetUtcNow(), _options);
        await _table.CleanupDefunctSiloEntries(cutoff).ConfigureAwait(false);
        LogCleaned(cutoff);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Pruned dead membership rows older than {Cutoff:O}")]
    private partial void LogCleaned(DateTimeOffset cutoff);
}
