using Hemi.Grains.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime;

/// <summary>
/// Base class for grains (Orleans: <c>Grain</c>). Instances are created through DI when the grain is first called;
/// all their code runs as turns on the activation's scheduler, one turn at a time. Runtime members are available from
/// <see cref="OnActivateAsync"/> on (not in the constructor).
/// </summary>
public abstract class Grain : IAddressable
{
    private ActivationData? _activation;

    /// <summary>The activation this instance belongs to.</summary>
    public IGrainContext GrainContext => Activation;

    /// <summary>The grain factory for calling other grains.</summary>
    public IGrainFactory GrainFactory => Activation.Catalog.Runtime.GrainFactory;

    /// <summary>The silo's services.</summary>
    public IServiceProvider ServiceProvider => Activation.ActivationServices;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>The id of this activation (a new activation gets a new id).</summary>
    public ActivationId ActivationId => Activation.ActivationId;

    internal ActivationData Activation => _activation ?? throw new InvalidOperationException(
        "This grain instance is not attached to an activation; runtime members are available from OnActivateAsync on.");

    /// <summary>Called after state is loaded and before the first request runs.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is deactivated (best effort: never rely on it to persist state).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public override string ToString() => _activation is null ? GetType().Name : $"{GetType().Name}({_activation.GrainId})";

    internal virtual void Initialize(ActivationData activation) => _activation = activation;

    /// <summary>Deactivates this activation once the running requests complete.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose ticks run as turns of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, options);
    }

    /// <summary>Registers a timer whose ticks run as turns of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((_, ct) => callback(ct), null, options);
    }

    /// <summary>Registers a timer with a due time and period (ticks do not interleave and do not keep the grain alive).</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers or updates a durable reminder; ticks arrive through <see cref="IRemindable.ReceiveReminder"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => Reminders.RegisterOrUpdateReminder(GrainId, reminderName, dueTime, period);

    /// <summary>Removes a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => Reminders.UnregisterReminder(GrainId, reminder);

    /// <summary>Gets a reminder by name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetReminder(GrainId, reminderName);

    /// <summary>Gets all reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.GetReminders(GrainId);

    private IReminderRegistry Reminders
    {
        get
        {
            if (this is not IRemindable)
            {
                throw new InvalidOperationException($"{GetType()} must implement IRemindable to use reminders.");
            }

            return ServiceProvider.GetService<IReminderRegistry>()
                ?? throw new InvalidOperationException("No reminder service is configured; call UseGrainStorageReminderService() on the silo builder.");
        }
    }
}
