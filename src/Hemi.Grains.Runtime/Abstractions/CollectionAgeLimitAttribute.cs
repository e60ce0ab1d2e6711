namespace Hemi.Grains.Runtime;

/// <summary>Overrides <c>GrainCollectionOptions.CollectionAge</c> for one grain class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    /// <summary>The idle age after which activations are collected.</summary>
    public TimeSpan Amount { get; } = TimeSpan.FromMinutes(minutes);
}
