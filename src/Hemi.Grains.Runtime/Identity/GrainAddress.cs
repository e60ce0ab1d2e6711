namespace Hemi.Grains.Runtime;

/// <summary>Where an activation of a grain lives: the directory's value (Orleans: <c>GrainAddress</c>).</summary>
public sealed record GrainAddress(GrainId GrainId, SiloAddress SiloAddress, ActivationId ActivationId);
