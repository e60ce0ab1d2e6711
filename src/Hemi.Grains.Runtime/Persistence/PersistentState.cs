using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Persistence;

/// <summary>
/// Binds one named state of one activation to a keyed <see cref="IGrainStorage"/> (Orleans: <c>StateStorageBridge</c>).
/// Operations of all states of an activation run one at a time; a conflict raised here is recorded so the activation
/// deactivates if the exception escapes the grain call.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IStateParticipant
{
    private readonly string _stateName;
    private readonly IGrainStorage _storage;
    private readonly ActivationData _activation;
    private readonly GrainState<TState> _grainState;

    public PersistentState(string stateName, IGrainStorage storage, ActivationData activation)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        _stateName = stateName;
        _storage = storage;
        _activation = activation;
        _grainState = new GrainState<TState>(CreateDefault());
        activation.AddStateParticipant(this);
    }

    public TState State
    {
        get => _grainState.State;
        set => _grainState.State = value;
    }

    public string? Etag => _grainState.ETag;

    public bool RecordExists => _grainState.RecordExists;

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public Task ReadStateAsync(CancellationToken cancellationToken) => RunAsync(static async self =>
    {
        await self._storage.ReadStateAsync(self._stateName, self._activation.GrainId, self._grainState);
        if (self._grainState.State is null)
        {
            self._grainState.State = CreateDefault();
        }
    }, cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken)
        => RunAsync(static self => self._storage.WriteStateAsync(self._stateName, self._activation.GrainId, self._grainState), cancellationToken);

    public Task ClearStateAsync(CancellationToken cancellationToken) => RunAsync(static async self =>
    {
        await self._storage.ClearStateAsync(self._stateName, self._activation.GrainId, self._grainState);
        self._grainState.State = CreateDefault();
    }, cancellationToken);

    Task IStateParticipant.ReadOnActivateAsync() => ReadStateAsync(CancellationToken.None);

    private async Task RunAsync(Func<PersistentState<TState>, Task> operation, CancellationToken cancellationToken)
    {
        await _activation.StorageLock.WaitAsync(cancellationToken);
        try
        {
            await operation(this);
        }
        catch (InconsistentStateException conflict)
        {
            _activation.RecordStorageConflict(conflict);
            throw;
        }
        finally
        {
            _activation.StorageLock.Release();
        }
    }

    private static TState CreateDefault()
    {
        var type = typeof(TState);
        if (type.IsValueType || type == typeof(string) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return default!;
        }

        return Activator.CreateInstance<TState>();
    }
}
