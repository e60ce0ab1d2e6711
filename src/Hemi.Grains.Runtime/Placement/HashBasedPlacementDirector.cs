namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// Picks <c>sorted[(hash &amp; 0x7fffffff) % n]</c> where <c>hash</c> is the grain id's uniform hash and
/// <c>sorted</c> the compatible silos in <see cref="SiloAddressRingOrder"/> (Orleans: <c>HashBasedPlacementDirector</c>).
/// Deterministic for a fixed set of silos, whatever order the caller passes them in.
/// </summary>
public sealed class HashBasedPlacementDirector : IPlacementDirector
{
    /// <inheritdoc/>
    public SiloAddress OnAddActivation(GrainId grainId, IReadOnlyList<SiloAddress> compatibleSilos, SiloAddress localSilo)
    {
        ArgumentNullException.ThrowIfNull(compatibleSilos);
        if (compatibleSilos.Count == 0)
        {
            throw NoCompatibleSiloException.For(grainId);
        }

        var sorted = compatibleSilos;
        if (compatibleSilos is not ActiveSiloList && !SiloAddressRingOrder.Instance.IsStrictlySorted(compatibleSilos))
        {
            var copy = compatibleSilos.Distinct().ToArray();
            Array.Sort(copy, SiloAddressRingOrder.Instance);
            sorted = copy;
        }

        int index = (int)((grainId.GetUniformHashCode() & 0x7fffffffu) % (uint)sorted.Count);
        return sorted[index];
    }
}
