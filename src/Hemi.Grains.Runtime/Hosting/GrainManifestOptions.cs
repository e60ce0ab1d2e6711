using System.Reflection;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Which assemblies and classes make up the silo's grain manifest.</summary>
public sealed class GrainManifestOptions
{
    /// <summary>Assemblies added explicitly.</summary>
    public List<Assembly> Assemblies { get; } = [];

    /// <summary>Grain classes added explicitly.</summary>
    public List<Type> GrainClasses { get; } = [];

    /// <summary>Also scan loaded assemblies carrying a generated manifest (default true).</summary>
    public bool DiscoverLoadedAssemblies { get; set; } = true;
}
