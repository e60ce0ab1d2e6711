using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Scheduler;

/// <summary>
/// The per-activation serial executor (Orleans: <c>WorkItemGroup</c> + <c>ActivationTaskScheduler</c>). Work items
/// (tasks, posted continuations, runtime work) queue lock-free and run one at a time on the shared thread pool; the
/// group schedules itself only when it goes from idle to runnable. While an item runs, the activation's
/// <see cref="SynchronizationContext"/> is installed so every <c>await</c> in grain code resumes here (turn-based
/// execution without a Task per turn). A group drains for at most the scheduling quantum before yielding the thread.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ConcurrentQueue<object> _queue = new();
    private readonly SchedulerContext _context;
    private readonly ActivationSynchronizationContext _synchronizationContext;
    private int _state;
    private int _runningThreadId;

    public ActivationTaskScheduler(SchedulerContext context, object owner)
    {
        _context = context;
        Owner = owner;
        _synchronizationContext = new ActivationSynchronizationContext(this);
    }

    /// <summary>The activation (for diagnostics).</summary>
    public object Owner { get; }

    /// <summary>True when called from a work item of this scheduler.</summary>
    public bool IsCurrent => Volatile.Read(ref _runningThreadId) == Environment.CurrentManagedThreadId;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True when nothing is queued (work may still be running).</summary>
    public bool IsQueueEmpty => _queue.IsEmpty;

    public void QueueWorkItem(IActivationWorkItem item) => Enqueue(item);

    /// <summary>Queues an incoming message; it is handed to the owning activation as its own turn.</summary>
    public void QueueMessage(Message message) => Enqueue(message);

    public void QueueAction(Action<object?> action, object? state) => Enqueue(new PostedCallback(action, state));

    internal void Post(SendOrPostCallback callback, object? state) => Enqueue(new PostedCallback(callback, state));

    protected override void QueueTask(Task task) => Enqueue(task);

    // Inline only when this group is already running on the calling thread: code must never escape its activation.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => IsCurrent && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.OfType<Task>().ToArray();

    private void Enqueue(object item)
    {
        _queue.Enqueue(item);
        if (Volatile.Read(ref _state) == Idle && Interlocked.CompareExchange(ref _state, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        Volatile.Write(ref _runningThreadId, Environment.CurrentManagedThreadId);
        // A millisecond clock read once per turn: precise clocks can cost hundreds of nanoseconds in VMs and
        // sandboxes, and both uses (1 s turn warning, 100 ms quantum) are far coarser.
        long groupStart = Environment.TickCount64;
        long turnStart = groupStart;
        bool yielded = false;
        try
        {
            while (_queue.TryDequeue(out var item))
            {
                RunItem(item);
                long turnEnd = Environment.TickCount64;
                if (turnEnd - turnStart > _context.TurnWarningMilliseconds)
                {
                    _context.Logger.LongTurn(Owner, TimeSpan.FromMilliseconds(turnEnd - turnStart));
                }

                turnStart = turnEnd;
                if (turnEnd - groupStart > _context.QuantumMilliseconds && !_queue.IsEmpty)
                {
                    yielded = true;
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _runningThreadId, 0);
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }

        if (yielded)
        {
            // Go to the back of the global queue so other activations get the thread.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return;
        }

        // A full fence, not a release store: the store must not be reordered after the emptiness check, or an item
        // enqueued concurrently by a producer that still saw "Scheduled" would be stranded (Dekker-style race).
        Interlocked.Exchange(ref _state, Idle);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _state, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    private void RunItem(object item)
    {
        try
        {
            switch (item)
            {
                case Message message:
                    ((ActivationData)Owner).HandleIncoming(message);
                    break;
                case IActivationWorkItem workItem:
                    workItem.Execute();
                    break;
                case PostedCallback posted:
                    posted.Invoke();
                    break;
                case Task task:
                    TryExecuteTask(task);
                    break;
            }
        }
        catch (Exception exception)
        {
            // A work item escaping with an exception is a runtime bug or an async-void grain method; keep the group alive.
            _context.Logger.WorkItemFailed(exception, Owner);
        }
    }

    private sealed class PostedCallback
    {
        private readonly Delegate _callback;
        private readonly object? _state;

        public PostedCallback(Delegate callback, object? state)
        {
            _callback = callback;
            _state = state;
        }

        public void Invoke()
        {
            if (_callback is SendOrPostCallback sendOrPost)
            {
                sendOrPost(_state);
            }
            else
            {
                ((Action<object?>)_callback)(_state);
            }
        }
    }
}
