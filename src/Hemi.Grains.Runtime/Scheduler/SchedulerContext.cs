using System.Diagnostics;
using Hemi.Grains.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Scheduler;

/// <summary>Settings and logger shared by all activation schedulers of a silo.</summary>
internal sealed class SchedulerContext
{
    public SchedulerContext(IOptions<SchedulingOptions> options, ILogger<ActivationTaskScheduler> logger)
    {
        Logger = logger;
        TurnWarningTicks = ToTicks(options.Value.TurnWarningLengthThreshold);
        QuantumTicks = ToTicks(options.Value.ActivationSchedulingQuantum);
    }

    public ILogger Logger { get; }

    public long TurnWarningTicks { get; }

    public long QuantumTicks { get; }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
