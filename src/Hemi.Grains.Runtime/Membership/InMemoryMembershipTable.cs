using System.Globalization;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// An in-process <see cref="IMembershipTable"/> for tests and for several silos hosted in one process: one shared
/// instance per cluster. It keeps the same contract as the durable providers (row and version ETags, atomic
/// insert/update with the version, unconditional IAmAlive).
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipTableRow> _rows = [];
    private readonly string _clusterId;
    private TableVersion? _version;
    private long _nextETag;

    /// <summary>Creates an empty table for <paramref name="clusterId"/>.</summary>
    public InMemoryMembershipTable(string clusterId = "default")
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _clusterId = clusterId;
    }

    /// <summary>The cluster this table belongs to.</summary>
    public string ClusterId => _clusterId;

    /// <inheritdoc/>
    public Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        lock (_lock)
        {
            if (tryInitTableVersion && _version is null)
            {
                _version = new TableVersion(0, NewETag());
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteMembershipTableEntries(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        lock (_lock)
        {
            if (string.Equals(clusterId, _clusterId, StringComparison.Ordinal))
            {
                _rows.Clear();
                _version = null;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToArray())
            {
                if (row.Entry.Status == SiloStatus.Dead && row.Entry.LastActivity < beforeDate)
                {
                    _rows.Remove(silo);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            IReadOnlyList<MembershipTableRow> members = _rows.TryGetValue(key, out var row) ? [row] : [];
            return Task.FromResult(new MembershipTableData(members, CurrentVersion()));
        }
    }

    /// <inheritdoc/>
    public Task<MembershipTableData> ReadAll()
    {
        lock (_lock)
        {
            return Task.FromResult(new MembershipTableData([.. _rows.Values], CurrentVersion()));
        }
    }

    /// <inheritdoc/>
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        lock (_lock)
        {
            if (!VersionMatches(tableVersion) || _rows.ContainsKey(entry.SiloAddress))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new MembershipTableRow(entry, NewETag());
            _version = new TableVersion(tableVersion.Version, NewETag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        lock (_lock)
        {
            if (!VersionMatches(tableVersion) ||
                !_rows.TryGetValue(entry.SiloAddress, out var current) ||
                !string.Equals(current.ETag, etag, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            // Heartbeats only move forward, whatever the caller's copy of the row says (as with the blob store).
            var alive = entry.IAmAliveTime > current.Entry.IAmAliveTime ? entry.IAmAliveTime : current.Entry.IAmAliveTime;
            _rows[entry.SiloAddress] = new MembershipTableRow(entry with { IAmAliveTime = alive }, NewETag());
            _version = new TableVersion(tableVersion.Version, NewETag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            // A heartbeat for a row that does not exist (pruned, or never inserted) is ignored, as with the blob store.
            if (_rows.TryGetValue(entry.SiloAddress, out var current))
            {
                // Like Azure's merge with ETag "*": the row's ETag changes, the version does not.
                _rows[entry.SiloAddress] = new MembershipTableRow(current.Entry with { IAmAliveTime = entry.IAmAliveTime }, NewETag());
            }
        }

        return Task.CompletedTask;
    }

    private bool VersionMatches(TableVersion proposed)
    {
        // The version must exist, the caller must hold its current ETag, and the number must move forward.
        return _version is { } current &&
               string.Equals(current.VersionEtag, proposed.VersionEtag, StringComparison.Ordinal) &&
               proposed.Version > current.Version;
    }

    private TableVersion CurrentVersion() => _version ?? new TableVersion(0, string.Empty);

    private string NewETag() => (++_nextETag).ToString(CultureInfo.InvariantCulture);
}
