using System.Reflection;
using Hemi.Grains.Runtime.Persistence;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime;

/// <summary>
/// A grain with one persistent state named "state" (Orleans' legacy <c>Grain&lt;TState&gt;</c>); the storage is chosen
/// with <see cref="StorageProviderAttribute"/> (default "Default"). Prefer <see cref="IPersistentState{TState}"/>.
/// </summary>
public abstract class Grain<TState> : Grain
{
    private PersistentState<TState>? _storage;

    /// <summary>The in-memory state.</summary>
    protected TState State
    {
        get => Storage.State;
        set => Storage.State = value;
    }

    private PersistentState<TState> Storage => _storage ?? throw new InvalidOperationException("State is available from OnActivateAsync on.");

    /// <summary>Re-reads the state.</summary>
    protected Task ReadStateAsync() => Storage.ReadStateAsync();

    /// <summary>Writes the state (ETag-conditional).</summary>
    protected Task WriteStateAsync() => Storage.WriteStateAsync();

    /// <summary>Clears the stored state.</summary>
    protected Task ClearStateAsync() => Storage.ClearStateAsync();

    internal override void Initialize(ActivationData activation)
    {
        base.Initialize(activation);
        string storageName = GetType().GetCustomAttribute<StorageProviderAttribute>(inherit: true)?.ProviderName ?? "Default";
        var storage = activation.ActivationServices.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"No IGrainStorage named '{storageName}' is registered (needed by {activation.GrainId}).");
        _storage = new PersistentState<TState>("state", storage, activation);
    }
}
