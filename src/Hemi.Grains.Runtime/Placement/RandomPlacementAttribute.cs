namespace Hemi.Grains.Runtime.Placement;

/// <summary>Places new activations of this grain class on a uniformly random active silo (the default).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RandomPlacementAttribute() : PlacementAttribute(RandomPlacement.Instance);
