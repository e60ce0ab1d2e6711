namespace Hemi.Grains.Runtime.Tests.TestInfrastructure;

/// <summary>
/// Tests whose failure detection runs on the real clock with limits of a few seconds or less (live silos must answer
/// probes and publish heartbeats in time). They run alone, after the parallel tests: beside them, CPU-heavy tests
/// (code generation, property tests, request floods) kept the thread pool busy for seconds, so live silos missed
/// probes, were voted dead and terminated themselves.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeFailureDetectionCollection
{
    public const string Name = "Real-time failure detection";
}
