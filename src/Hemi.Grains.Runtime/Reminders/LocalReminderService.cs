using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Ring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>
/// Delivers reminder ticks (Orleans: <c>LocalReminderService</c>), keeping one <see cref="TimeProvider"/> timer per
/// reminder it owns. Each tick is a grain call to <see cref="IRemindable.ReceiveReminder"/> that activates the grain.
/// <list type="bullet">
/// <item>One silo (no ring): it owns every row, loads them all at start, and its timers follow its own writes. A restart
/// may repeat a tick, and a tick missed while the silo was down is not replayed: the schedule resumes at the next
/// StartAt + k·Period.</item>
/// <item>Cluster (<c>UseClusteredReminderService</c>): it owns the rows whose grain hash lies in its ranges of the
/// <see cref="ConsistentRing"/> over the Active silos, and re-reads them when the ring changes (a silo died, left or
/// joined) and every <see cref="ClusteredReminderOptions.RefreshReminderListPeriod"/>. Before delivering the tick due at
/// T it claims T with <see cref="IReminderTable.TryClaimTick"/> (an ETag-checked write of the row's last claimed due
/// time) and delivers only if the claim succeeds: during a takeover two silos may both hold a timer for a reminder, but
/// each due time is delivered at most once. The price is that a tick whose claimant dies between the claim and the
/// delivery is lost, like any tick missed while no silo owned the reminder. When a silo takes a row over (or first
/// sees one registered through another silo) and the row's latest due time T ≤ now was never claimed, it delivers T
/// at once: one catch-up tick, never a backlog.</item>
/// </list>
/// </summary>
internal sealed partial class LocalReminderService : IReminderService, ISiloLifecycleParticipant, IDisposable
{
    private readonly ConcurrentDictionary<(GrainId, string), LocalReminder> _local = new();
    private readonly IReminderTable _table;
    private readonly InsideRuntimeClient _runtime;
    private readonly TimeProvider _time;
    private readonly ReminderOptions _options;
    private readonly ReminderRingPartitioning? _partitioning;
    private readonly ILogger<LocalReminderService> _logger;
    private readonly Lock _reloadLock = new();
    private List<TaskCompletionSource> _reloadWaiters = [];
    private bool _reloadRequested;
    private bool _reloadRunning;
    private long _sequence;
    private IDisposable? _ringSubscription;
    private ITimer? _refreshTimer;
    private volatile bool _stopped;

    public LocalReminderService(
        IReminderTable table,
        InsideRuntimeClient runtime,
        TimeProvider time,
        IOptions<ReminderOptions> options,
        ILogger<LocalReminderService> logger,
        ReminderRingPartitioning? partitioning = null)
    {
        _table = table;
        _runtime = runtime;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _partitioning = partitioning;
    }

    public int LocalCount => _local.Count;

    public IReadOnlyCollection<ReminderEntry> LocalReminders => _local.Values.Select(r => r.Entry).ToArray();

    private bool IsClustered => _partitioning is not null;

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        _stopped = false;
        if (_partitioning is not { } partitioning)
        {
            var data = await _table.ReadRows(0, 0).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in data.Reminders)
            {
                Schedule(entry, catchUp: false);
            }

            LogLoaded(data.Reminders.Count);
            return;
        }

        _ringSubscription = partitioning.Ring.Subscribe(_ => RequestReload(waiter: null));
        var period = partitioning.Options.RefreshReminderListPeriod;
        _refreshTimer = _time.CreateTimer(static s => ((LocalReminderService)s!).RequestReload(waiter: null), this, period, period);
        await Refresh().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task OnStopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    public Task Refresh()
    {
        if (!IsClustered || _stopped)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RequestReload(waiter);
        return waiter.Task;
    }

    public async Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must not be negative.");
        }

        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The reminder period must be at least {_options.MinimumReminderPeriod}.");
        }

        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = reminderName,
            StartAt = _time.GetUtcNow().UtcDateTime + dueTime,
            Period = period,
        };
        string eTag = await _table.UpsertRow(entry).ConfigureAwait(false);
        if (_partitioning is null || _partitioning.Ring.IsLocallyOwned(grainId.GetUniformHashCode()))
        {
            Schedule(entry with { ETag = eTag }, catchUp: false);
        }
        else if (_local.TryRemove((grainId, reminderName), out var stale))
        {
            // The owner arms it on its next re-read; a timer kept here would only lose every claim.
            stale.Dispose();
        }

        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task UnregisterReminder(GrainId grainId, IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (_local.TryRemove((grainId, reminder.ReminderName), out var local))
        {
            local.Dispose();
        }

        string? eTag = (reminder as GrainReminder)?.ETag;
        if (eTag is not null && await _table.RemoveRow(grainId, reminder.ReminderName, eTag).ConfigureAwait(false))
        {
            return;
        }

        // The handle is stale (the reminder was updated since): the caller still means "remove this name".
        var current = await _table.ReadRow(grainId, reminder.ReminderName).ConfigureAwait(false);
        if (current?.ETag is { } currentETag)
        {
            await _table.RemoveRow(grainId, reminder.ReminderName, currentETag).ConfigureAwait(false);
        }
    }

    public async Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName)
    {
        var row = await _table.ReadRow(grainId, reminderName).ConfigureAwait(false);
        return row is null ? null : new GrainReminder(grainId, row.ReminderName, row.ETag ?? string.Empty);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetReminders(GrainId grainId)
    {
        var rows = await _table.ReadRows(grainId).ConfigureAwait(false);
        return rows.Reminders.Select(r => (IGrainReminder)new GrainReminder(grainId, r.ReminderName, r.ETag ?? string.Empty)).ToList();
    }

    private void Stop()
    {
        _stopped = true;
        _ringSubscription?.Dispose();
        _ringSubscription = null;
        _refreshTimer?.Dispose();
        _refreshTimer = null;
        foreach (var reminder in _local.Values)
        {
            reminder.Dispose();
        }

        _local.Clear();
    }

    private void RequestReload(TaskCompletionSource? waiter)
    {
        lock (_reloadLock)
        {
            if (waiter is not null)
            {
                _reloadWaiters.Add(waiter);
            }

            _reloadRequested = true;
            if (_reloadRunning)
            {
                return;
            }

            _reloadRunning = true;
        }

        // Off the caller's thread: ring notifications arrive on the membership reader, timers on the timer thread.
        _ = Task.Run(ReloadLoopAsync);
    }

    private async Task ReloadLoopAsync()
    {
        while (true)
        {
            List<TaskCompletionSource> waiters;
            lock (_reloadLock)
            {
                if (!_reloadRequested)
                {
                    _reloadRunning = false;
                    return;
                }

                // Requests made while this pass runs set the flag again and get a pass of their own.
                _reloadRequested = false;
                waiters = _reloadWaiters;
                _reloadWaiters = [];
            }

            try
            {
                await ReloadOwnedRowsAsync().ConfigureAwait(false);
                waiters.ForEach(w => w.TrySetResult());
            }
            catch (Exception exception)
            {
                LogReloadFailed(exception);
                waiters.ForEach(w => w.TrySetException(exception));
            }
        }
    }

    private async Task ReloadOwnedRowsAsync()
    {
        if (_stopped || _partitioning is not { } partitioning)
        {
            return;
        }

        var ring = partitioning.Ring.Ring;
        var ranges = ring.GetRanges(partitioning.Ring.LocalSilo);
        // Timers scheduled after this point (by a concurrent registration) are newer than what the read returns.
        long readStart = Interlocked.Read(ref _sequence);
        var rows = ranges.Count == 0 ? [] : (await _table.ReadRows(ranges).ConfigureAwait(false)).Reminders;
        if (_stopped)
        {
            return;
        }

        var byKey = new Dictionary<(GrainId, string), ReminderEntry>(rows.Count);
        foreach (var row in rows)
        {
            byKey[(row.GrainId, row.ReminderName)] = row;
        }

        int dropped = 0;
        foreach (var (key, local) in _local)
        {
            if (local.Sequence > readStart)
            {
                continue;
            }

            if (!byKey.TryGetValue(key, out var row))
            {
                // Not ours any more (the ring moved) or removed through another silo.
                Remove(key, local);
                dropped++;
            }
            else if (row.ETag != local.Entry.ETag)
            {
                // Re-registered through another silo: a new schedule.
                Schedule(row, catchUp: true);
            }
        }

        int added = 0;
        foreach (var (key, row) in byKey)
        {
            if (!_local.ContainsKey(key))
            {
                Schedule(row, catchUp: true);
                added++;
            }
        }

        LogReloaded(ring.Version.Value, ranges.Count, _local.Count, added, dropped);
    }

    private void Remove((GrainId, string) key, LocalReminder local)
    {
        if (_local.TryRemove(new KeyValuePair<(GrainId, string), LocalReminder>(key, local)))
        {
            local.Dispose();
        }
    }

    private void Schedule(ReminderEntry entry, bool catchUp)
    {
        if (_stopped)
        {
            return;
        }

        var reminder = new LocalReminder(this, entry, Interlocked.Increment(ref _sequence));
        _local.AddOrUpdate((entry.GrainId, entry.ReminderName), reminder, (_, old) =>
        {
            old.Dispose();
            return reminder;
        });
        if (_stopped)
        {
            // Stop ran between the check above and the insertion: do not leave a live timer behind.
            Remove((entry.GrainId, entry.ReminderName), reminder);
            return;
        }

        reminder.ArmNext(catchUp && IsClustered);
    }

    /// <summary>Delivers one tick; returns false when the reminder must not be re-armed here.</summary>
    private async Task<bool> DeliverAsync(LocalReminder reminder, DateTime dueAt)
    {
        var entry = reminder.Entry;
        var key = (entry.GrainId, entry.ReminderName);
        if (_partitioning is { } partitioning)
        {
            if (!partitioning.Ring.IsLocallyOwned(entry.GrainId.GetUniformHashCode()))
            {
                Remove(key, reminder);
                RequestReload(waiter: null);
                return false;
            }

            ReminderTickClaim claim;
            try
            {
                claim = await _table.TryClaimTick(entry.GrainId, entry.ReminderName, entry.ETag ?? string.Empty, dueAt).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Unknown whether the claim landed: skip this due time rather than risk a duplicate.
                LogTickFailed(exception, entry.ReminderName, entry.GrainId);
                return true;
            }

            if (claim == ReminderTickClaim.AlreadyClaimed)
            {
                LogTickAlreadyClaimed(entry.ReminderName, entry.GrainId, dueAt);
                return true;
            }

            if (claim == ReminderTickClaim.RowChanged)
            {
                Remove(key, reminder);
                RequestReload(waiter: null);
                return false;
            }
        }

        // The cross-silo form: on a cluster the ring owner of a reminder need not host its grain.
        var message = new Messaging.ReceiveReminderRequest
        {
            ReminderName = entry.ReminderName,
            Status = new TickStatus(entry.StartAt, entry.Period, dueAt),
            TargetGrain = entry.GrainId,
            Flags = Messaging.MessageFlags.SystemMessage,
        };
        try
        {
            _runtime.SendRequest(message);
            await message.AsValueTask().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, entry.ReminderName, entry.GrainId);
        }

        return true;
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Loaded {Count} reminders")]
    private partial void LogLoaded(int count);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed to tick")]
    private partial void LogTickFailed(Exception exception, string reminderName, GrainId grainId);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Re-read reminders of ring v{RingVersion} ({RangeCount} ranges): {Count} owned, {Added} added, {Dropped} dropped")]
    private partial void LogReloaded(long ringVersion, int rangeCount, int count, int added, int dropped);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Re-reading the owned reminders failed; the next ring change or refresh retries")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Tick of {ReminderName} of {GrainId} due {DueAt:O} was already claimed")]
    private partial void LogTickAlreadyClaimed(string reminderName, GrainId grainId, DateTime dueAt);

    private sealed class LocalReminder : IDisposable
    {
        private static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(1);

        private readonly LocalReminderService _service;
        private readonly ITimer _timer;
        private DateTime _nextDue;
        private DateTime? _lastDue;
        private int _disposed;

        public LocalReminder(LocalReminderService service, ReminderEntry entry, long sequence)
        {
            _service = service;
            Entry = entry;
            Sequence = sequence;
            _lastDue = entry.LastFiredDue;
            _timer = service._time.CreateTimer(static s => _ = ((LocalReminder)s!).FireAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ReminderEntry Entry { get; }

        /// <summary>When this timer was created relative to others (newer timers win over older table reads).</summary>
        public long Sequence { get; }

        /// <summary>
        /// Arms the timer for the next due time after now (and after the last delivered one). With
        /// <paramref name="catchUp"/>, the latest due time already past is delivered at once if it was never claimed.
        /// </summary>
        public void ArmNext(bool catchUp = false)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var now = _service._time.GetUtcNow().UtcDateTime;
            DateTime next;
            try
            {
                if (!TryComputeNext(now, catchUp, out next))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is ArgumentOutOfRangeException or OverflowException)
            {
                // A row whose schedule runs past DateTime.MaxValue (a corrupt or absurd period) never ticks again;
                // it must not break the other reminders.
                return;
            }

            _nextDue = next;
            ArmFor(next, now);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }

        private bool TryComputeNext(DateTime now, bool catchUp, out DateTime next)
        {
            var period = Entry.Period;
            if (period <= TimeSpan.Zero)
            {
                // Only a corrupt row has no period: tick once, never in a loop.
                next = Entry.StartAt;
                return _lastDue is null;
            }

            if (catchUp && Entry.StartAt <= now)
            {
                long elapsed = (now - Entry.StartAt).Ticks / period.Ticks;
                var latest = Entry.StartAt + TimeSpan.FromTicks(elapsed * period.Ticks);
                next = _lastDue is { } claimed && claimed >= latest ? NextAfter(now, period) : latest;
            }
            else
            {
                next = Entry.StartAt;
                if (next <= now)
                {
                    // Skip ticks that were missed (e.g. while the silo was down); resume on the schedule.
                    next = NextAfter(now, period);
                }
            }

            if (_lastDue is { } last && next <= last)
            {
                // A timer that fired early must not deliver the same due time twice.
                next = last + period;
            }

            return true;
        }

        private void ArmFor(DateTime next, DateTime now)
        {
            // Timers cannot wait arbitrarily long (System timers stop at about 49 days): a far due time is reached in
            // steps, and FireAsync re-arms without delivering until it is actually due.
            var due = next - now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerWait ? MaxTimerWait : due, Timeout.InfiniteTimeSpan);
        }

        private DateTime NextAfter(DateTime now, TimeSpan period)
        {
            long periods = ((now - Entry.StartAt).Ticks / period.Ticks) + 1;
            return Entry.StartAt + TimeSpan.FromTicks(checked(periods * period.Ticks));
        }

        private async Task FireAsync()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var due = _nextDue;
            var now = _service._time.GetUtcNow().UtcDateTime;
            if (now < due)
            {
                // An intermediate step towards a far due time (or a timer that fired early): not due yet.
                ArmFor(due, now);
                return;
            }

            bool keep = await _service.DeliverAsync(this, due).ConfigureAwait(false);
            _lastDue = due;
            if (keep)
            {
                // Clustered: if the delivery outlasted a period, the latest missed due time is delivered at once
                // (older ones are skipped; the claim keeps it single). One silo keeps its original rule: skip to the
                // next due time after now.
                ArmNext(catchUp: _service.IsClustered);
            }
        }
    }
}
