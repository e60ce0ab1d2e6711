namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The membership table's version (Orleans: <c>TableVersion</c>): a number that every status or vote change
/// advances by one, plus the store's token for compare-and-swap. A writer reads, computes and writes
/// <see cref="Next"/>, which keeps the ETag it read, so a concurrent writer's change makes the write fail.
/// </summary>
public sealed record TableVersion(int Version, string VersionEtag)
{
    /// <summary>The version a successful write produces: number + 1, conditioned on the ETag that was read.</summary>
    public TableVersion Next() => new(checked(Version + 1), VersionEtag);

    /// <inheritdoc/>
    public override string ToString() => $"<{Version}, {VersionEtag}>";
}
