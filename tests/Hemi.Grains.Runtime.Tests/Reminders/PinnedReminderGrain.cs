using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Reminders;

public interface IPinnedReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);
}

/// <summary>
/// Lives on the silo that first calls it (prefer-local), so a test can put the grain on one silo and its reminder's
/// ring owner on another. Records "pinned:{key}:{due:O}@{port}" per tick.
/// </summary>
[GrainType(TypeName)]
[PreferLocalPlacement]
public sealed class PinnedReminderGrain(EventRecorder recorder, ILocalSiloDetails silo) : Grain, IPinnedReminderGrain, IRemindable
{
    public const string TypeName = "pinnedreminder";

    public async Task Register(string name, TimeSpan dueTime, TimeSpan period) => await RegisterOrUpdateReminder(name, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record($"pinned:{this.GetPrimaryKeyString()}:{status.CurrentTickTime:O}@{silo.SiloAddress.Endpoint.Port}");
        return Task.CompletedTask;
    }
}
