namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>The counter client the chaos test drives its load through.</summary>
public static class ChaosClients
{
    /// <summary>Creates the client for <paramref name="cluster"/>.</summary>
    public static Task<ICounterClient> CreateAsync(ProcessCluster cluster, int seed) =>
        Task.FromResult<ICounterClient>(new SiloRoutedCounterClient(cluster, seed));
}
