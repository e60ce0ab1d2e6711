using System.Globalization;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>The version of a membership view: the table version that produced it. Views are totally ordered by it.</summary>
public readonly record struct MembershipVersion(long Value) : IComparable<MembershipVersion>
{
    /// <summary>Older than any real view.</summary>
    public static MembershipVersion MinValue => new(long.MinValue);

    /// <inheritdoc/>
    public int CompareTo(MembershipVersion other) => Value.CompareTo(other.Value);

    public static bool operator <(MembershipVersion left, MembershipVersion right) => left.Value < right.Value;

    public static bool operator >(MembershipVersion left, MembershipVersion right) => left.Value > right.Value;

    public static bool operator <=(MembershipVersion left, MembershipVersion right) => left.Value <= right.Value;

    public static bool operator >=(MembershipVersion left, MembershipVersion right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
