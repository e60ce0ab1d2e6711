namespace Hemi.Grains.Runtime.Placement;

/// <summary>Chooses the silo for a new activation (Orleans: <c>IPlacementDirector</c>).</summary>
public interface IPlacementDirector
{
    /// <summary>Picks a silo among <paramref name="compatibleSilos"/> for a new activation of <paramref name="grainId"/>.</summary>
    SiloAddress OnAddActivation(GrainId grainId, IReadOnlyList<SiloAddress> compatibleSilos, SiloAddress localSilo);
}
