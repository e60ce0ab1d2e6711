using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Hemi.Benchmarks.L2;

/// <summary>
/// Steady state for the sequencer rows: each invocation pushes thousands of transactions through one long-running silo,
/// and the sealing code runs only a few times per iteration, so tiered compilation keeps promoting it for the first
/// several iterations (the first ones ran ≈ 1.5× slower in a run with three warmups). Ten warmups, ten measured
/// iterations, one invocation each, in process; allocations (and collections, when one falls inside an iteration) are
/// reported per transaction.
/// </summary>
public sealed class SequencerThroughputConfig : ManualConfig
{
    public SequencerThroughputConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: false)));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
