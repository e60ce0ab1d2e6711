namespace Hemi.Grains.Runtime;

/// <summary>Fire-and-forget: the caller's task completes when the message is sent; errors are not reported back.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute
{
}
