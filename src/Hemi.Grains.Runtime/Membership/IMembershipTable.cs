namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The durable membership table (Orleans: <c>IMembershipTable</c>). Every insert and every status or vote change
/// is conditional on the table version's ETag (and, for updates, on the row's ETag) and advances the version by
/// one, atomically; so successful writes form a totally ordered sequence of views. Contention is reported by
/// returning <see langword="false"/>; storage failures throw <see cref="MembershipTableException"/>. A provider
/// never reports a write it did not make.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the store if needed and, when <paramref name="tryInitTableVersion"/>, the version-0 record if missing.</summary>
    Task InitializeMembershipTable(bool tryInitTableVersion);

    /// <summary>Deletes every row and the version of cluster <paramref name="clusterId"/>.</summary>
    Task DeleteMembershipTableEntries(string clusterId);

    /// <summary>
    /// Deletes rows of dead silos whose last activity (<see cref="MembershipEntry.LastActivity"/>) is before
    /// <paramref name="beforeDate"/>. Never deletes a live row and never advances the version.
    /// </summary>
    Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate);

    /// <summary>Reads one row (the result holds zero or one member) plus the current table version.</summary>
    Task<MembershipTableData> ReadRow(SiloAddress key);

    /// <summary>Reads every row with its ETag plus the table version, as one consistent snapshot.</summary>
    Task<MembershipTableData> ReadAll();

    /// <summary>
    /// Inserts a row that must not exist yet and sets the table version to <paramref name="tableVersion"/>, both only
    /// if the stored version ETag still equals <c>tableVersion.VersionEtag</c>; false on any contention.
    /// </summary>
    Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion);

    /// <summary>
    /// Replaces a row only if its ETag is still <paramref name="etag"/> and the version ETag is still
    /// <c>tableVersion.VersionEtag</c>, setting the version to <paramref name="tableVersion"/>; false on any contention.
    /// The stored IAmAlive time never moves backwards (heartbeats are written separately and may be newer).
    /// </summary>
    Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion);

    /// <summary>Unconditionally stores <c>entry.IAmAliveTime</c> for the entry's silo; does not advance the version.</summary>
    Task UpdateIAmAlive(MembershipEntry entry);
}
