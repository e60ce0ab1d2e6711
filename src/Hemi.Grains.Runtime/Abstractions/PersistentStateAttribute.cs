namespace Hemi.Grains.Runtime;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be bound to storage.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state name (part of the storage key).</summary>
    public string StateName { get; } = stateName;

    /// <summary>The keyed <c>IGrainStorage</c> name; null means "Default".</summary>
    public string? StorageName { get; } = storageName;
}
