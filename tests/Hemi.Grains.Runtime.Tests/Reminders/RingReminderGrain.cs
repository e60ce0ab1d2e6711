using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Reminders;

public interface IRingReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);
}

/// <summary>Records every tick with the port of the silo that ran it: "ring:{key}:{name}:{due:O}@{port}".</summary>
public sealed class RingReminderGrain(EventRecorder recorder, ILocalSiloDetails silo) : Grain, IRingReminderGrain, IRemindable
{
    public const string TypeName = "ringreminder";

    public async Task Register(string name, TimeSpan dueTime, TimeSpan period) => await RegisterOrUpdateReminder(name, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record($"ring:{this.GetPrimaryKeyString()}:{reminderName}:{status.CurrentTickTime:O}@{silo.SiloAddress.Endpoint.Port}");
        return Task.CompletedTask;
    }
}
