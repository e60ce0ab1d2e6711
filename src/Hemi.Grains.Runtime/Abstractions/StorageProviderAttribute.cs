namespace Hemi.Grains.Runtime;

/// <summary>Selects the storage for a <see cref="Grain{TState}"/> class (default "Default").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StorageProviderAttribute : Attribute
{
    /// <summary>The keyed <c>IGrainStorage</c> name.</summary>
    public string ProviderName { get; init; } = "Default";
}
