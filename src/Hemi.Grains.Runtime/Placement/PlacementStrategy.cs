namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// How new activations of a grain class are placed (Orleans: <c>PlacementStrategy</c>). Declared on the grain class
/// with a <see cref="PlacementAttribute"/>; classes without one get <see cref="RandomPlacement"/>.
/// </summary>
public abstract class PlacementStrategy
{
    private protected PlacementStrategy()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => GetType().Name;
}
