namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// Every process-cluster test class joins this collection: they run one after another, never several clusters of
/// silo processes at once on a small CI machine (timing bounds assume the cores are not shared with another cluster).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Process cluster";
}
