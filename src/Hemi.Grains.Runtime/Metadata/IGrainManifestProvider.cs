namespace Hemi.Grains.Runtime.Metadata;

/// <summary>Generated per assembly: adds the assembly's grain interfaces (proxy factories, invokers) and grain classes.</summary>
public interface IGrainManifestProvider
{
    /// <summary>Adds this assembly's entries.</summary>
    void Populate(GrainManifestBuilder builder);
}
