namespace Hemi.Grains.Runtime.Placement;

/// <summary>A silo chosen by the grain id's uniform hash over the sorted active silos, so every silo holding the same membership view makes the same choice (Orleans: <c>HashBasedPlacement</c>).</summary>
public sealed class HashBasedPlacement : PlacementStrategy
{
    private HashBasedPlacement()
    {
    }

    /// <summary>The one instance.</summary>
    public static HashBasedPlacement Instance { get; } = new();
}
