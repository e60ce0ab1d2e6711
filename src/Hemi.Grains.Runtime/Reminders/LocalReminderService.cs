using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>
/// Delivers reminder ticks (Orleans: <c>LocalReminderService</c>). At start it loads every row of the ring range this
/// silo owns (the whole ring while there is one silo) and keeps one <see cref="TimeProvider"/> timer per reminder.
/// Each tick is a grain call to <see cref="IRemindable.ReceiveReminder"/> that activates the grain; ticks are
/// at-least-once (a restart may repeat one) and a tick missed while the silo was down is not replayed: the schedule
/// resumes at the next StartAt + k·Period.
/// </summary>
internal sealed partial class LocalReminderService : IReminderRegistry, ISiloLifecycleParticipant
{
    private readonly ConcurrentDictionary<(GrainId, string), LocalReminder> _local = new();
    private readonly IReminderTable _table;
    private readonly InsideRuntimeClient _runtime;
    private readonly TimeProvider _time;
    private readonly ReminderOptions _options;
    private readonly ILogger<LocalReminderService> _logger;
    private volatile bool _stopped;

    public LocalReminderService(IReminderTable table, InsideRuntimeClient runtime, TimeProvider time, IOptions<ReminderOptions> options, ILogger<LocalReminderService> logger)
    {
        _table = table;
        _runtime = runtime;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public int LocalCount => _local.Count;

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        _stopped = false;
        var data = await _table.ReadRows(0, 0).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in data.Reminders)
        {
            Schedule(entry);
        }

        LogLoaded(data.Reminders.Count);
    }

    public Task OnStopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        foreach (var reminder in _local.Values)
        {
            reminder.Dispose();
        }

        _local.Clear();
        return Task.CompletedTask;
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
        Schedule(entry with { ETag = eTag });
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

    private void Schedule(ReminderEntry entry)
    {
        if (_stopped)
        {
            return;
        }

        var reminder = new LocalReminder(this, entry);
        _local.AddOrUpdate((entry.GrainId, entry.ReminderName), reminder, (_, old) =>
        {
            old.Dispose();
            return reminder;
        });
        reminder.ArmNext();
    }

    private async Task DeliverAsync(LocalReminder reminder, DateTime dueAt)
    {
        var entry = reminder.Entry;
        var message = new ReminderTickMessage(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, dueAt))
        {
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
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Loaded {Count} reminders")]
    private partial void LogLoaded(int count);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed to tick")]
    private partial void LogTickFailed(Exception exception, string reminderName, GrainId grainId);

    private sealed class LocalReminder : IDisposable
    {
        private readonly LocalReminderService _service;
        private readonly ITimer _timer;
        private DateTime _nextDue;
        private int _disposed;

        public LocalReminder(LocalReminderService service, ReminderEntry entry)
        {
            _service = service;
            Entry = entry;
            _timer = service._time.CreateTimer(static s => _ = ((LocalReminder)s!).FireAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ReminderEntry Entry { get; }

        public void ArmNext()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var now = _service._time.GetUtcNow().UtcDateTime;
            var next = Entry.StartAt;
            if (next <= now && Entry.Period > TimeSpan.Zero)
            {
                // Skip ticks that were missed (e.g. while the silo was down); resume on the schedule.
                long periods = ((now - Entry.StartAt).Ticks / Entry.Period.Ticks) + 1;
                next = Entry.StartAt + TimeSpan.FromTicks(periods * Entry.Period.Ticks);
            }

            _nextDue = next;
            var due = next - now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }

        private async Task FireAsync()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            await _service.DeliverAsync(this, _nextDue).ConfigureAwait(false);
            ArmNext();
        }
    }
}
