namespace Hemi.Grains.Runtime;

/// <summary>Sets a grain class's <see cref="GrainType"/> name. Treat it as durable: it is part of every stored key.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}
