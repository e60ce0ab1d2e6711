namespace Hemi.Grains.Runtime.Metadata;

/// <summary>
/// Emitted by the source generator on each assembly with grain interfaces or classes; names the generated
/// <see cref="IGrainManifestProvider"/> the runtime uses to discover proxies, invokers and grain classes.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainManifestProviderAttribute(Type providerType) : Attribute
{
    /// <summary>A type implementing <see cref="IGrainManifestProvider"/> with a parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}
