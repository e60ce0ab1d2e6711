namespace Hemi.Grains.Runtime.Tests.TestGrains;

public sealed class GrainTestException(string message) : Exception(message)
{
}

public interface IThrowingGrain : IGrainWithGuidKey
{
    Task ThrowSynchronously(string message);

    Task<int> ThrowAfterAwait(string message);

    ValueTask<int> ThrowFromValueTask();

    Task<int> Ok();
}

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    public Task ThrowSynchronously(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new GrainTestException(message);
    }

    public async ValueTask<int> ThrowFromValueTask()
    {
        await Task.Delay(1);
        throw new ArgumentOutOfRangeException("value");
    }

    public Task<int> Ok() => Task.FromResult(42);
}
