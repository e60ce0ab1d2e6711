namespace Hemi.Grains.Runtime.Storage;

/// <summary>The default mutable <see cref="IGrainState{T}"/> holder.</summary>
/// <typeparam name="T">The state type.</typeparam>
public sealed class GrainState<T> : IGrainState<T>
{
    public GrainState()
        : this(default!, null)
    {
    }

    public GrainState(T state, string? eTag = null)
    {
        State = state;
        ETag = eTag;
    }

    /// <inheritdoc />
    public T State { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
