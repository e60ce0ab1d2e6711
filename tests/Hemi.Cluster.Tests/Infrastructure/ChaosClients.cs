namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>The counter client the chaos test drives its load through: the runtime's external client.</summary>
public static class ChaosClients
{
    /// <summary>Creates the client for <paramref name="cluster"/>.</summary>
    public static async Task<ICounterClient> CreateAsync(ProcessCluster cluster, int seed)
    {
        _ = seed;
        return await ExternalCounterClient.StartAsync(cluster);
    }
}
