using Hemi.Grains.Runtime.Ring;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>
/// Present in a silo's services only when <c>UseClusteredReminderService</c> was called: it switches the reminder
/// service from "every row" to "the rows of this silo's ring ranges, with claimed ticks".
/// </summary>
internal sealed class ReminderRingPartitioning(ConsistentRingProvider ring, IOptions<ClusteredReminderOptions> options)
{
    public ConsistentRingProvider Ring { get; } = ring;

    public ClusteredReminderOptions Options { get; } = options.Value;
}
