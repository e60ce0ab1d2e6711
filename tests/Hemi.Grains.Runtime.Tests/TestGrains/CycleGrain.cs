namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="otherKey"/>, which calls back, <paramref name="depth"/> hops deep.</summary>
    Task<int> CallOther(string otherKey, int depth);

    Task<string> Ping();
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<int> CallOther(string otherKey, int depth)
    {
        if (depth == 0)
        {
            return 1;
        }

        return 1 + await GrainFactory.GetGrain<ICycleGrain>(otherKey).CallOther(this.GetPrimaryKeyString(), depth - 1);
    }

    public Task<string> Ping() => Task.FromResult("pong:" + this.GetPrimaryKeyString());
}
