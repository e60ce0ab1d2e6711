namespace Hemi.Grains.Runtime.Placement;

/// <summary>Places new activations of this grain class by the grain id's uniform hash over the sorted active silos.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class HashBasedPlacementAttribute() : PlacementAttribute(HashBasedPlacement.Instance);
