namespace Hemi.Grains.Runtime.Placement;

/// <summary>The local silo when it is active and compatible, otherwise random (Orleans: <c>PreferLocalPlacement</c>).</summary>
public sealed class PreferLocalPlacement : PlacementStrategy
{
    private PreferLocalPlacement()
    {
    }

    /// <summary>The one instance.</summary>
    public static PreferLocalPlacement Instance { get; } = new();
}
