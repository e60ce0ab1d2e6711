namespace Hemi.Grains.Runtime;

/// <summary>
/// A named piece of grain state backed by a keyed <c>IGrainStorage</c> (Orleans: <c>IPersistentState&lt;T&gt;</c>).
/// Inject with <see cref="PersistentStateAttribute"/>. State is read before <c>OnActivateAsync</c>; changes are
/// in memory until <see cref="WriteStateAsync()"/> completes. Operations of one activation run one after another.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The in-memory state.</summary>
    TState State { get; set; }

    /// <summary>The storage ETag of the last read or write; null when no record exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage.</summary>
    Task ReadStateAsync();

    /// <summary>Writes the state (create-only when <see cref="Etag"/> is null, otherwise conditional on it).</summary>
    Task WriteStateAsync();

    /// <summary>Clears the stored state and resets <see cref="State"/>.</summary>
    Task ClearStateAsync();

    /// <summary>Re-reads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the state.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken);

    /// <summary>Clears the stored state.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken);
}
