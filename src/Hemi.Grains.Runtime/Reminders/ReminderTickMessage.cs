using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>A reminder tick: an ordinary grain call to <see cref="IRemindable.ReceiveReminder"/> (so it activates the grain).</summary>
internal sealed class ReminderTickMessage(string reminderName, TickStatus status) : VoidRequest
{
    public override string InterfaceName => "Hemi.Grains.Runtime.IRemindable";

    public override int MethodId => 0;

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    public override ValueTask InvokeAsync(object grain)
    {
        if (grain is not IRemindable remindable)
        {
            throw new InvalidOperationException($"{grain.GetType()} has a reminder '{reminderName}' but does not implement IRemindable.");
        }

        return Complete(remindable.ReceiveReminder(reminderName, status));
    }
}
