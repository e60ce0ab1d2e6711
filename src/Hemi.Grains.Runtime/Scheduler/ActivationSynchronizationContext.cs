namespace Hemi.Grains.Runtime.Scheduler;

/// <summary>Routes <c>await</c> continuations of grain code back to the activation's scheduler.</summary>
internal sealed class ActivationSynchronizationContext(ActivationTaskScheduler scheduler) : SynchronizationContext
{
    public ActivationTaskScheduler Scheduler { get; } = scheduler;

    public override void Post(SendOrPostCallback d, object? state) => Scheduler.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (Scheduler.IsCurrent)
        {
            d(state);
            return;
        }

        throw new NotSupportedException("Synchronous sends into an activation would block a thread-pool thread; await a grain call instead.");
    }

    public override SynchronizationContext CreateCopy() => this;
}
