namespace Hemi.Grains.Runtime.Metadata;

/// <summary>Creates a generated proxy for a grain id (no reflection).</summary>
public delegate GrainReference GrainProxyFactory(GrainReferenceShared shared, GrainId grainId);
