namespace Hemi.Grains.Runtime.Tests.TestGrains;

/// <summary>Keeps calling grains while a test stops a silo or a gateway under them.</summary>
internal static class RemoteTestGrainStreams
{
    /// <summary>
    /// Calls each grain's <see cref="IRemoteTestGrain.Add"/> in a loop until <paramref name="stop"/>; each stream
    /// completes with its call count, or fails with the first call that failed or gave a wrong sum.
    /// </summary>
    public static Task<int>[] AddUntil(IEnumerable<IRemoteTestGrain> grains, CancellationToken stop)
        => grains.Select(grain => AddUntil(grain, stop)).ToArray();

    private static async Task<int> AddUntil(IRemoteTestGrain grain, CancellationToken stop)
    {
        int calls = 0;
        while (!stop.IsCancellationRequested)
        {
            Assert.Equal(7, await grain.Add(3, 4));
            calls++;
        }

        return calls;
    }
}
