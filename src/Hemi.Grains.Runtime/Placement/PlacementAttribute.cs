namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// Base of the attributes that choose a grain class's <see cref="PlacementStrategy"/> (Orleans: <c>PlacementAttribute</c>).
/// Inherited by subclasses; the attribute nearest the class wins.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public abstract class PlacementAttribute : Attribute
{
    private protected PlacementAttribute(PlacementStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Strategy = strategy;
    }

    /// <summary>The strategy this attribute selects.</summary>
    public PlacementStrategy Strategy { get; }
}
