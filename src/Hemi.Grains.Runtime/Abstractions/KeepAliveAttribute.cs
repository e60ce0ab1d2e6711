namespace Hemi.Grains.Runtime;

/// <summary>Activations of this grain class are never idle-collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class KeepAliveAttribute : Attribute
{
}
