namespace Hemi.Grains.Runtime.Placement;

/// <summary>Places new activations of this grain class on the calling silo when it is active, otherwise on a random active silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class PreferLocalPlacementAttribute() : PlacementAttribute(PreferLocalPlacement.Instance);
