namespace Hemi.Grains.Runtime.Membership;

/// <summary>A membership row with the store's ETag of that row (the CAS token of <see cref="IMembershipTable.UpdateRow"/>).</summary>
public sealed record MembershipTableRow(MembershipEntry Entry, string ETag);

/// <summary>A consistent read of the membership table: every row with its ETag, and the table version (Orleans: <c>MembershipTableData</c>).</summary>
public sealed record MembershipTableData(IReadOnlyList<MembershipTableRow> Members, TableVersion Version)
{
    /// <summary>The row of <paramref name="silo"/>, or null.</summary>
    public MembershipTableRow? Find(SiloAddress silo)
    {
        foreach (var row in Members)
        {
            if (row.Entry.SiloAddress.Equals(silo))
            {
                return row;
            }
        }

        return null;
    }
}
