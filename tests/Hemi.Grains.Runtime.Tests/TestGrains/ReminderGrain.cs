using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.TestGrains;

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<bool> Has(string name);
}

public sealed class ReminderTestGrain(EventRecorder recorder) : Grain, IReminderTestGrain, IRemindable
{
    public async Task Register(string name, TimeSpan dueTime, TimeSpan period) => await RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await UnregisterReminder(reminder);
    }

    public async Task<bool> Has(string name) => await GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record($"tick:{this.GetPrimaryKeyString()}:{reminderName}:{status.CurrentTickTime:O}");
        return Task.CompletedTask;
    }
}
