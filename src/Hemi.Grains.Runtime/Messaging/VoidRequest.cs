using System.Threading.Tasks.Sources;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Base of generated request types for methods returning <c>Task</c>/<c>ValueTask</c>; see <see cref="Request{TResult}"/>.</summary>
public abstract class VoidRequest : Message, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _completed;

    /// <inheritdoc/>
    public override bool IsResponseCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The caller's view of the response.</summary>
    public ValueTask AsValueTask() => new(this, _core.Version);

    /// <summary>Completes the caller successfully unless it already has a response.</summary>
    public bool TrySetResult()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        OnResponseCompleted();
        _core.SetResult(true);
        return true;
    }

    /// <inheritdoc/>
    public override bool TrySetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        OnResponseCompleted();
        _core.SetException(exception);
        return true;
    }

    /// <summary>Used by generated invokers: forwards the grain method's completion to the caller.</summary>
    public ValueTask Complete(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult();
            return default;
        }

        return AwaitAndComplete(task);
    }

    /// <summary>Used by generated invokers: forwards the grain method's completion to the caller.</summary>
    public ValueTask Complete(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult();
            return default;
        }

        return AwaitAndComplete(task);
    }

    internal override async ValueTask<byte[]> WaitAndEncodeResponse(GrainCallCodec codec)
    {
        try
        {
            await AsValueTask().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return codec.EncodeException(exception);
        }

        return codec.EncodeVoidResult();
    }

    internal override void ApplyResponse(GrainCallCodec codec, ReadOnlySpan<byte> body)
    {
        if (codec.TryDecodeVoidResult(body, out var exception))
        {
            TrySetResult();
        }
        else
        {
            TrySetException(exception!);
        }
    }

    private async ValueTask AwaitAndComplete(Task task)
    {
        await task;
        TrySetResult();
    }

    private async ValueTask AwaitAndComplete(ValueTask task)
    {
        await task;
        TrySetResult();
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
