namespace Hemi.Grains.Runtime.Placement;

/// <summary>Uniformly random over the compatible active silos (the default, as in Orleans' <c>RandomPlacement</c>).</summary>
public sealed class RandomPlacement : PlacementStrategy
{
    private RandomPlacement()
    {
    }

    /// <summary>The one instance.</summary>
    public static RandomPlacement Instance { get; } = new();
}
