using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Metadata;
using Hemi.Grains.Runtime.Persistence;
using Hemi.Grains.Runtime.Scheduler;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime;

/// <summary>
/// One activation of a grain (Orleans: <c>ActivationData</c>): the grain instance, its serial scheduler, and request
/// admission. Incoming messages are queued on the activation's scheduler (lock-free) and handled as turns: each is
/// added to the waiting list and every request that may run is started. All admission state is touched only from the
/// activation's own scheduler, so it needs no lock.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly Catalog _catalog;
    // Ordinary requests wait in arrival order and only the oldest can start next, so each event looks at the head only
    // (a rescan of the whole list per message was quadratic with thousands queued). Always-interleave requests wait
    // apart: they start as soon as the activation is valid, whatever is running.
    private readonly Queue<Message> _waiting = new();
    private readonly Queue<Message> _waitingInterleaved = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IStateParticipant> _states = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _storageLock = new(1, 1);
    private readonly TimeProvider _time;
    private volatile ActivationState _state = ActivationState.Creating;
    private int _inFlight;
    private int _running;
    private int _runningBlocking;
    private int _runningWrites;
    private long _lastActivity;
    private long _keepAliveUntil;
    private bool _deactivationStarted;
    private DeactivationReason? _pendingDeactivation;
    private DeactivationReason _deactivationReason;
    private Exception? _lastStorageConflict;
    private object? _grain;
    private GrainAddress? _forwardingAddress;

    public ActivationData(Catalog catalog, GrainClassInfo grainClass, GrainId grainId, StatelessWorkerGroup? workerGroup)
    {
        _catalog = catalog;
        _time = catalog.TimeProvider;
        GrainClass = grainClass;
        GrainId = grainId;
        WorkerGroup = workerGroup;
        ActivationId = ActivationId.NewId();
        Address = new GrainAddress(grainId, catalog.LocalSilo, ActivationId);
        Scheduler = new ActivationTaskScheduler(catalog.SchedulerContext, this);
        _lastActivity = catalog.Runtime.CoarseNow;
    }

    public GrainId GrainId { get; }

    public ActivationId ActivationId { get; }

    public GrainAddress Address { get; }

    public GrainClassInfo GrainClass { get; }

    public StatelessWorkerGroup? WorkerGroup { get; }

    public object? GrainInstance => _grain;

    public IServiceProvider ActivationServices => _catalog.Services;

    public ActivationTaskScheduler Scheduler { get; }

    TaskScheduler IGrainContext.TaskScheduler => Scheduler;

    public Catalog Catalog => _catalog;

    public ActivationState State => _state;

    /// <summary>Completes when the activation has fully deactivated (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    public bool IsAcceptingWork => _state is ActivationState.Creating or ActivationState.Activating or ActivationState.Valid;

    /// <summary>Messages received and not yet completed (stateless-worker load balancing).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public long LastActivityTimestamp => Volatile.Read(ref _lastActivity);

    /// <summary>Serializes storage operations of all persistent states of this activation.</summary>
    public SemaphoreSlim StorageLock => _storageLock;

    public void ReserveWorkerSlot() => Interlocked.Increment(ref _inFlight);

    public void AddStateParticipant(IStateParticipant state) => _states.Add(state);

    /// <summary>Remembers a conflict raised by this activation's own storage so that, if it escapes, we deactivate.</summary>
    public void RecordStorageConflict(InconsistentStateException exception) => _lastStorageConflict = exception;

    public void ReceiveMessage(Message message) => Scheduler.QueueMessage(message);

    public void Start() => Scheduler.QueueAction(static s => _ = ((ActivationData)s!).ActivateAsync(), this);

    public void Deactivate(DeactivationReason reason, CancellationToken cancellationToken = default)
    {
        if (Scheduler.IsCurrent)
        {
            StartDeactivation(reason);
            return;
        }

        Scheduler.QueueAction(static s =>
        {
            var (self, r) = ((ActivationData, DeactivationReason))s!;
            self.StartDeactivation(r);
        }, (this, reason));
    }

    /// <summary>Grain code: deactivate once the running requests complete.</summary>
    public void DeactivateOnIdle() => Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Grain code: keep this activation for at least <paramref name="timeSpan"/> (a zero or negative value clears it).</summary>
    public void DelayDeactivation(TimeSpan timeSpan)
    {
        long until = timeSpan <= TimeSpan.Zero ? 0 : _time.GetTimestamp() + (long)(timeSpan.TotalSeconds * _time.TimestampFrequency);
        Volatile.Write(ref _keepAliveUntil, until);
    }

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        if (_state is ActivationState.Deactivating or ActivationState.Invalid)
        {
            throw new InvalidOperationException($"Cannot register a timer on {this}: it is deactivating.");
        }

        var timer = new GrainTimer(this, callback, state, options);
        _timers.Add(timer);
        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer) => _timers.Remove(timer);

    /// <summary>Posted by the collector: deactivate if this activation has been idle long enough.</summary>
    public void CollectIfIdle(TimeSpan age)
    {
        Scheduler.QueueAction(static s =>
        {
            var (self, a) = ((ActivationData, TimeSpan))s!;
            if (self.IsIdleFor(a))
            {
                self.StartDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for more than {a}."));
            }
        }, (this, age));
    }

    public bool IsCollectionCandidate(long now, TimeSpan age)
        => _state == ActivationState.Valid && !GrainClass.IsKeepAlive
        && _time.GetElapsedTime(LastActivityTimestamp, now) >= age
        && now >= Volatile.Read(ref _keepAliveUntil);

    public override string ToString() => $"[Activation {GrainId} {ActivationId} {_state}]";

    /// <summary>Runs on the activation's scheduler for every incoming message.</summary>
    public void HandleIncoming(Message message)
    {
        if (_state == ActivationState.Invalid)
        {
            // Reached an activation that is gone: re-route to the grain's current (or a new) activation.
            ReleaseWorkerSlot();
            _catalog.Forward(message);
            return;
        }

        (message.IsAlwaysInterleave ? _waitingInterleaved : _waiting).Enqueue(message);
        ProcessWaiting();
    }

    private bool IsIdleFor(TimeSpan age)
        => _running == 0 && _waiting.Count == 0 && _waitingInterleaved.Count == 0 && Scheduler.IsQueueEmpty && IsCollectionCandidate(_time.GetTimestamp(), age);

    private async Task ActivateAsync()
    {
        _state = ActivationState.Activating;
        try
        {
            if (WorkerGroup is null)
            {
                var winner = await _catalog.Directory.Register(Address);
                if (winner != Address && winner.SiloAddress.Equals(Address.SiloAddress))
                {
                    // An entry for an earlier activation on this silo: that one is gone (the catalog holds us now), so
                    // its entry is stale and is replaced conditionally.
                    winner = await _catalog.Directory.Register(Address, previousAddress: winner);
                }

                if (winner != Address)
                {
                    // Another activation won first-writer-wins registration: give way and send our queue there.
                    _forwardingAddress = winner;
                    throw new DuplicateActivationException($"Duplicate activation of {GrainId}: {winner.ActivationId} on {winner.SiloAddress} is registered.");
                }
            }

            _grain = _catalog.Activator.CreateInstance(this);
            foreach (var state in _states)
            {
                await state.ReadOnActivateAsync();
            }

            if (_grain is Grain grain)
            {
                using var cts = new CancellationTokenSource(_catalog.CollectionOptions.ActivationTimeout, _time);
                await grain.OnActivateAsync(cts.Token);
            }

            _state = ActivationState.Valid;
            _catalog.Logger.Activated(GrainId, ActivationId);
        }
        catch (Exception exception)
        {
            _catalog.Logger.ActivationFailed(exception, GrainId);
            await FailActivationAsync(exception);
            return;
        }

        if (_pendingDeactivation is { } pending)
        {
            StartDeactivation(pending);
        }

        ProcessWaiting();
    }

    private async Task FailActivationAsync(Exception exception)
    {
        _state = ActivationState.Invalid;
        DisposeTimers();
        if (_forwardingAddress is { } winner)
        {
            // Orleans: the loser of a registration race forwards its queued messages to the winner (bounded hops).
            _catalog.Remove(this);
            foreach (var message in TakeWaiting())
            {
                _catalog.ForwardTo(message, winner);
            }

            _deactivated.TrySetResult();
            return;
        }

        if (WorkerGroup is null)
        {
            try
            {
                await _catalog.Directory.Unregister(Address);
            }
            catch (Exception unregisterError)
            {
                _catalog.Logger.DirectoryUnregisterFailed(unregisterError, GrainId);
            }
        }

        _catalog.Remove(this);
        foreach (var message in TakeWaiting())
        {
            ReleaseWorkerSlot();
            message.TrySetException(exception);
        }

        _deactivated.TrySetResult();
    }

    private void ProcessWaiting()
    {
        if (_state == ActivationState.Valid)
        {
            while (_state == ActivationState.Valid && _waitingInterleaved.TryDequeue(out var interleaved))
            {
                if (!DropIfExpired(interleaved))
                {
                    StartRequest(interleaved);
                }
            }

            // FIFO among ordinary requests: the oldest starts when it may, and nothing passes it while it may not.
            while (_state == ActivationState.Valid && _waiting.TryPeek(out var message))
            {
                if (DropIfExpired(message))
                {
                    _waiting.Dequeue();
                    continue;
                }

                if (!MayInvoke(message))
                {
                    break;
                }

                _waiting.Dequeue();
                StartRequest(message);
            }
        }

        if (_state == ActivationState.Deactivating)
        {
            TryFinishDeactivation();
        }
    }

    private bool DropIfExpired(Message message)
    {
        if (message.ExpiryTimestamp != 0 && message.IsResponseCompleted && _catalog.MessagingOptions.DropExpiredMessages)
        {
            // The caller already got a TimeoutException; running the request now would be a surprise side effect.
            ReleaseWorkerSlot();
            _catalog.Logger.DroppedExpired(message);
            return true;
        }

        return false;
    }

    /// <summary>Every waiting message (interleaved ones first, then the ordinary ones in arrival order), leaving none.</summary>
    private List<Message> TakeWaiting()
    {
        var all = new List<Message>(_waitingInterleaved.Count + _waiting.Count);
        all.AddRange(_waitingInterleaved);
        all.AddRange(_waiting);
        _waitingInterleaved.Clear();
        _waiting.Clear();
        return all;
    }

    private bool MayInvoke(Message message)
        => _runningBlocking == 0 || GrainClass.IsReentrant || (message.IsReadOnly && _runningWrites == 0);

    private void StartRequest(Message message)
    {
        _running++;
        if (!message.IsAlwaysInterleave)
        {
            _runningBlocking++;
            if (!message.IsReadOnly)
            {
                _runningWrites++;
            }
        }

        if ((message.Flags & MessageFlags.SuppressKeepAlive) == 0)
        {
            Volatile.Write(ref _lastActivity, _catalog.Runtime.CoarseNow);
        }

        var previousContext = RequestContext.Export();
        RequestContext.Import(message.RequestContextData);
        ValueTask invocation;
        try
        {
            invocation = message.InvokeAsync(_grain!);
        }
        catch (Exception exception)
        {
            invocation = ValueTask.FromException(exception);
        }
        finally
        {
            RequestContext.Import(previousContext);
        }

        if (invocation.IsCompleted)
        {
            try
            {
                invocation.GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                OnRequestFailed(message, exception);
            }

            OnRequestCompleted(message);
        }
        else
        {
            _ = AwaitRequestAsync(message, invocation);
        }
    }

    private async Task AwaitRequestAsync(Message message, ValueTask invocation)
    {
        try
        {
            // Resumes on this activation: the activation's SynchronizationContext is current here.
            await invocation;
        }
        catch (Exception exception)
        {
            OnRequestFailed(message, exception);
        }

        OnRequestCompleted(message);
        ProcessWaiting();
    }

    private void OnRequestCompleted(Message message)
    {
        _running--;
        if (!message.IsAlwaysInterleave)
        {
            _runningBlocking--;
            if (!message.IsReadOnly)
            {
                _runningWrites--;
            }
        }

        if ((message.Flags & MessageFlags.SuppressKeepAlive) == 0)
        {
            Volatile.Write(ref _lastActivity, _catalog.Runtime.CoarseNow);
        }

        ReleaseWorkerSlot();
    }

    private void OnRequestFailed(Message message, Exception exception)
    {
        if (!message.TrySetException(exception) && message is ITurnMessage)
        {
            _catalog.Logger.TurnFailed(exception, GrainId, message.MethodName);
        }

        if (exception is InconsistentStateException && ReferenceEquals(exception, _lastStorageConflict))
        {
            // Orleans' self-healing rule: this activation's view of its state is stale (or it is a duplicate); drop it
            // so the next call gets a fresh activation that re-reads state.
            StartDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationError, "InconsistentStateException escaped a grain call.", exception));
        }
    }

    private void ReleaseWorkerSlot()
    {
        if (WorkerGroup is not null)
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void StartDeactivation(DeactivationReason reason)
    {
        switch (_state)
        {
            case ActivationState.Creating or ActivationState.Activating:
                _pendingDeactivation ??= reason;
                return;
            case ActivationState.Deactivating or ActivationState.Invalid:
                return;
        }

        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        TryFinishDeactivation();
    }

    private void TryFinishDeactivation()
    {
        if (_running == 0 && !_deactivationStarted)
        {
            _deactivationStarted = true;
            _ = FinishDeactivationAsync();
        }
    }

    private async Task FinishDeactivationAsync()
    {
        DisposeTimers();
        if (_grain is Grain grain)
        {
            try
            {
                using var cts = new CancellationTokenSource(_catalog.CollectionOptions.DeactivationTimeout, _time);
                await grain.OnDeactivateAsync(_deactivationReason, cts.Token);
            }
            catch (Exception exception)
            {
                // Best effort only, as in Orleans: never rely on OnDeactivateAsync to persist anything.
                _catalog.Logger.OnDeactivateFailed(exception, GrainId);
            }
        }

        _state = ActivationState.Invalid;
        if (WorkerGroup is null)
        {
            try
            {
                await _catalog.Directory.Unregister(Address);
            }
            catch (Exception exception)
            {
                _catalog.Logger.DirectoryUnregisterFailed(exception, GrainId);
            }
        }

        _catalog.Remove(this);
        _catalog.Logger.Deactivated(GrainId, ActivationId, _deactivationReason);

        foreach (var message in TakeWaiting())
        {
            ReleaseWorkerSlot();
            _catalog.Forward(message);
        }

        _deactivated.TrySetResult();
    }

    private void DisposeTimers()
    {
        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        _timers.Clear();
    }
}
