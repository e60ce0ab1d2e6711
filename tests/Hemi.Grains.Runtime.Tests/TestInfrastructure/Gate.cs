namespace Hemi.Grains.Runtime.Tests.TestInfrastructure;

/// <summary>A DI singleton that lets a test hold grain code at a point until it releases it.</summary>
public sealed class Gate
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;

    public void Release() => Volatile.Read(ref _tcs).TrySetResult();

    public void Reset() => Volatile.Write(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
