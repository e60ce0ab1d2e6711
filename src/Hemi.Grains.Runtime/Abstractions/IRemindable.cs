namespace Hemi.Grains.Runtime;

/// <summary>Implemented by grains that register reminders; each tick is delivered as a grain call that activates the grain.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Receives one reminder tick. Delivery is at-least-once, so handlers must be idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
