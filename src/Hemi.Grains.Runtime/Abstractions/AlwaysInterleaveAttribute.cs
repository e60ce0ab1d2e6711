namespace Hemi.Grains.Runtime;

/// <summary>Calls to this interface method may interleave with any other request, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
