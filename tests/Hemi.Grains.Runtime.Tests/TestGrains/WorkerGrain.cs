namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface IWorkerGrain : IGrainWithIntegerKey
{
    Task<string> Work(int milliseconds);
}

[StatelessWorker(4)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    public async Task<string> Work(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return ActivationId.ToString();
    }
}
