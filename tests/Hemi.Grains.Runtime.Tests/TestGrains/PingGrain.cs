namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<long> Ping(long value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<long> Ping(long value) => Task.FromResult(value + this.GetPrimaryKeyLong());
}
