namespace Hemi.Grains.Runtime;

/// <summary>Requests to this grain class may interleave at await points (still one turn at a time).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
