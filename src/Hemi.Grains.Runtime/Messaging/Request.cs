using System.Threading.Tasks.Sources;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// Base of generated request types for methods returning <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>. The object is
/// its own <see cref="IValueTaskSource{TResult}"/>: the caller awaits it, the activation completes it. Continuations
/// always run asynchronously so a caller never runs inside the callee's turn.
/// </summary>
public abstract class Request<TResult> : Message, IValueTaskSource<TResult>
{
    private ManualResetValueTaskSourceCore<TResult> _core = new() { RunContinuationsAsynchronously = true };
    private int _completed;

    /// <inheritdoc/>
    public override bool IsResponseCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The caller's view of the response.</summary>
    public ValueTask<TResult> AsValueTask() => new(this, _core.Version);

    /// <summary>Completes the caller with a result unless it already has a response.</summary>
    public bool TrySetResult(TResult result)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        OnResponseCompleted();
        _core.SetResult(result);
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

    /// <summary>Used by generated invokers: forwards the grain method's result to the caller.</summary>
    public ValueTask Complete(Task<TResult> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult(task.Result);
            return default;
        }

        return AwaitAndComplete(task);
    }

    /// <summary>Used by generated invokers: forwards the grain method's result to the caller.</summary>
    public ValueTask Complete(ValueTask<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult(task.Result);
            return default;
        }

        return AwaitAndComplete(task);
    }

    internal override async ValueTask<byte[]> WaitAndEncodeResponse(GrainCallCodec codec)
    {
        TResult result;
        try
        {
            result = await AsValueTask().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return codec.EncodeException(exception);
        }

        return codec.EncodeResult(result);
    }

    internal override void ApplyResponse(GrainCallCodec codec, ReadOnlySpan<byte> body)
    {
        if (codec.TryDecodeResult(body, out TResult? result, out var exception))
        {
            TrySetResult(result!);
        }
        else
        {
            TrySetException(exception!);
        }
    }

    // Exceptions are not caught here: the activation sees them (it must, to deactivate on InconsistentStateException)
    // and hands them to TrySetException.
    private async ValueTask AwaitAndComplete(Task<TResult> task) => TrySetResult(await task);

    private async ValueTask AwaitAndComplete(ValueTask<TResult> task) => TrySetResult(await task);

    TResult IValueTaskSource<TResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
