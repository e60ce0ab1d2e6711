namespace Hemi.Grains.Runtime;

/// <summary>This interface method does not modify grain state: read-only requests may interleave with each other, not with writes.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
}
