using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Scheduler;

internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Turn of {Activation} ran for {Elapsed}, longer than the turn warning threshold; grain code must not block")]
    public static partial void LongTurn(this ILogger logger, object activation, TimeSpan elapsed);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "A work item of {Activation} failed")]
    public static partial void WorkItemFailed(this ILogger logger, Exception exception, object activation);
}
