namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The membership table as last read by this silo, rows with their ETags (Orleans: <c>MembershipTableSnapshot</c>).
/// The health monitor chooses its targets from it.
/// </summary>
public sealed record MembershipTableSnapshot(MembershipTableData Table, DateTimeOffset ReadAt)
{
    /// <summary>The table version.</summary>
    public TableVersion Version => Table.Version;
}
