namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// Places on the local silo when it is among the compatible (active) silos, otherwise on a uniformly random compatible
/// one (Orleans: <c>PreferLocalPlacementDirector</c>).
/// </summary>
public sealed class PreferLocalPlacementDirector : IPlacementDirector
{
    private readonly RandomPlacementDirector _fallback;

    /// <summary>Falls back on the thread-safe shared generator.</summary>
    public PreferLocalPlacementDirector()
    {
        _fallback = new RandomPlacementDirector();
    }

    /// <summary>Falls back on <paramref name="random"/> (e.g. seeded, for reproducible tests).</summary>
    public PreferLocalPlacementDirector(Random random)
    {
        _fallback = new RandomPlacementDirector(random);
    }

    /// <inheritdoc/>
    public SiloAddress OnAddActivation(GrainId grainId, IReadOnlyList<SiloAddress> compatibleSilos, SiloAddress localSilo)
    {
        ArgumentNullException.ThrowIfNull(compatibleSilos);
        ArgumentNullException.ThrowIfNull(localSilo);
        bool localIsCompatible = compatibleSilos is ActiveSiloList active ? active.Contains(localSilo) : compatibleSilos.Contains(localSilo);
        return localIsCompatible ? localSilo : _fallback.OnAddActivation(grainId, compatibleSilos, localSilo);
    }
}
