namespace Hemi.Grains.Runtime.Placement;

/// <summary>Places on the local silo when it is compatible, otherwise on a random compatible one (Orleans: <c>PreferLocalPlacement</c>).</summary>
public sealed class PreferLocalPlacementDirector : IPlacementDirector
{
    /// <inheritdoc/>
    public SiloAddress OnAddActivation(GrainId grainId, IReadOnlyList<SiloAddress> compatibleSilos, SiloAddress localSilo)
    {
        ArgumentNullException.ThrowIfNull(compatibleSilos);
        ArgumentNullException.ThrowIfNull(localSilo);
        if (compatibleSilos.Contains(localSilo))
        {
            return localSilo;
        }

        if (compatibleSilos.Count == 0)
        {
            throw new InvalidOperationException($"No compatible silo can host {grainId}.");
        }

        return compatibleSilos[Random.Shared.Next(compatibleSilos.Count)];
    }
}
