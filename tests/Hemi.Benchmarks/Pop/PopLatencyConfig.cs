using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Hemi.Benchmarks.Pop;

/// <summary>
/// Each invocation of the latency benchmarks takes 10 s or more of wall clock, so: one invocation per iteration, no
/// warmup, three iterations, in process (no per-benchmark project build) with a timeout long enough for them.
/// </summary>
public sealed class PopLatencyConfig : ManualConfig
{
    public PopLatencyConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: true)));
    }
}
