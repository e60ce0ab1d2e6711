namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface ISlowGrain : IGrainWithStringKey
{
    Task BlockFor(int milliseconds);
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    public Task BlockFor(int milliseconds)
    {
        // Deliberately blocks the turn (what grain code must not do) to trigger the long-turn warning.
        Thread.Sleep(milliseconds);
        return Task.CompletedTask;
    }
}
