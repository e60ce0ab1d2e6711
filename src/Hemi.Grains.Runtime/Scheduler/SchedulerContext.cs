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
        TurnWarningMilliseconds = (long)options.Value.TurnWarningLengthThreshold.TotalMilliseconds;
        QuantumMilliseconds = (long)options.Value.ActivationSchedulingQuantum.TotalMilliseconds;
    }

    public ILogger Logger { get; }

    public long TurnWarningMilliseconds { get; }

    public long QuantumMilliseconds { get; }
}
