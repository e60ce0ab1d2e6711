using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>
/// A stored directory entry: where the grain's activation lives, and the membership version the registering silo
/// had seen (so a later view can prove the silo dead even after its row was pruned).
/// </summary>
public sealed record GrainDirectoryEntry(GrainAddress Address, MembershipVersion MembershipVersion)
{
    /// <summary>The grain.</summary>
    public GrainId GrainId => Address.GrainId;

    /// <summary>True when <paramref name="other"/> names the same activation (grain, silo and activation id).</summary>
    public bool IsSameActivation(GrainAddress other) => Address.Equals(other);
}
