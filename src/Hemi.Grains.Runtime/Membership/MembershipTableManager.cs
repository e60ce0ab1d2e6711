using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Owns this silo's row and its view of the table (Orleans: <c>MembershipTableManager</c>). Every status or vote
/// write is read-all → compute → CAS on the row ETag and the next table version; every read is checked for this
/// silo's own death or supersession, which terminates the silo through <see cref="IFatalErrorHandler"/>; newer
/// views are published in version order.
/// </summary>
public sealed partial class MembershipTableManager : IClusterMembershipService, IDisposable
{
    private const int ImmediateRetries = 3;
    private const int MaxStatusWriteAttempts = 200;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IMembershipTable _table;
    private readonly ClusterMembershipOptions _options;
    private readonly ClusterOptions _cluster;
    private readonly IFatalErrorHandler _fatalErrorHandler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly string _siloName;
    private MembershipTableSnapshot? _tableSnapshot;
    private ClusterMembershipSnapshot _snapshot = ClusterMembershipSnapshot.Empty;
    private SiloStatus _localStatus = SiloStatus.Created;
    private bool _rowWritten;
    private int _terminated;

    /// <summary>Creates the manager (DI).</summary>
    public MembershipTableManager(
        ILocalSiloDetails localSilo,
        IMembershipTable table,
        IOptions<ClusterMembershipOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IFatalErrorHandler fatalErrorHandler,
        TimeProvider timeProvider,
        ILogger<MembershipTableManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localSilo);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(fatalErrorHandler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        LocalSilo = localSilo.SiloAddress;
        _siloName = localSilo.Name;
        _table = table;
        _options = options.Value;
        _options.Validate();
        _cluster = clusterOptions.Value;
        _fatalErrorHandler = fatalErrorHandler;
        _time = timeProvider;
        _logger = logger ?? NullLogger<MembershipTableManager>.Instance;
        StartTime = timeProvider.GetUtcNow();
    }

    /// <summary>This silo.</summary>
    public SiloAddress LocalSilo { get; }

    /// <summary>When this silo started (written in its row).</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>This silo's status as last successfully written (Created until the first write).</summary>
    public SiloStatus CurrentStatus
    {
        get
        {
            lock (_lock)
            {
                return _localStatus;
            }
        }
    }

    /// <summary>True once this silo learnt it is dead or superseded and called the fatal-error handler (or was stopping).</summary>
    public bool IsTerminated => Volatile.Read(ref _terminated) != 0;

    /// <summary>Cancelled when the silo terminates or the manager is disposed; loops stop on it.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>The last table read, with row ETags (null before the first read).</summary>
    public MembershipTableSnapshot? MembershipTableSnapshot
    {
        get
        {
            lock (_lock)
            {
                return _tableSnapshot;
            }
        }
    }

    /// <inheritdoc/>
    public ClusterMembershipSnapshot CurrentSnapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>The options in force.</summary>
    public ClusterMembershipOptions Options => _options;

    /// <inheritdoc/>
    public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => ReadUpdates(CancellationToken.None);

    /// <summary>
    /// Opens the table (creating version 0 if missing), reads it, and deals with older or newer generations of this
    /// endpoint: older ones are declared Dead, a newer one means this process is stale and terminates.
    /// </summary>
    public async Task Start()
    {
        await _table.InitializeMembershipTable(tryInitTableVersion: true).ConfigureAwait(false);
        var table = await ReadAllAndProcess().ConfigureAwait(false);
        await CleanupMyTableEntries(table).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task Refresh(MembershipVersion minimumVersion = default)
    {
        if (minimumVersion != default && CurrentSnapshot.Version >= minimumVersion)
        {
            return;
        }

        await ReadAllAndProcess().ConfigureAwait(false);
    }

    /// <summary>
    /// Writes this silo's status (insert on the first write), retrying on contention until it succeeds.
    /// Throws <see cref="SiloUnavailableException"/> when the silo turns out to be dead.
    /// </summary>
    public async Task UpdateStatus(SiloStatus status, CancellationToken cancellationToken = default)
    {
        var current = CurrentStatus;
        if (!current.CanTransitionTo(status))
        {
            throw new InvalidOperationException($"Silo {LocalSilo} cannot move from {current} to {status}.");
        }

        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryUpdateMyStatusGlobalOnce(status).ConfigureAwait(false))
            {
                LogStatusWritten(LocalSilo, status);
                return;
            }

            if (IsTerminated && status != SiloStatus.Dead)
            {
                throw new SiloUnavailableException($"Silo {LocalSilo} is dead; it cannot become {status}.");
            }

            if (attempt >= MaxStatusWriteAttempts)
            {
                // Unbroken contention this long means something is wrong with the store: fail rather than spin.
                throw new MembershipTableException($"Silo {LocalSilo} could not write status {status} after {attempt + 1} attempts.");
            }

            await BackOff(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One read-compute-CAS attempt of <see cref="UpdateStatus"/>; false on contention.</summary>
    public async Task<bool> TryUpdateMyStatusGlobalOnce(SiloStatus status)
    {
        var table = await ReadAllAndProcess(allowTerminatingWrite: status.IsTerminating()).ConfigureAwait(false);
        if (IsTerminated && !status.IsTerminating())
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var mine = table.Find(LocalSilo);
        bool written;
        bool rowWritten;
        lock (_lock)
        {
            rowWritten = _rowWritten;
        }

        if (mine is null && (rowWritten || status.IsTerminating()))
        {
            // Our row existed and was pruned (only dead rows are), or we are leaving without ever having joined:
            // inserting now would resurrect an identity the cluster considers gone (invariant I3).
            if (status.IsTerminating())
            {
                lock (_lock)
                {
                    _localStatus = SiloStatus.Dead;
                }

                Terminate(callHandler: false, "row already removed while leaving");
                return true;
            }

            KillMyselfLocally("this silo's row is missing from the membership table");
            return false;
        }

        if (mine is null)
        {
            var entry = new MembershipEntry
            {
                SiloAddress = LocalSilo,
                Status = status,
                SiloName = _siloName,
                HostName = Environment.MachineName,
                ProxyPort = _cluster.GatewayPort,
                StartTime = StartTime,
                IAmAliveTime = now,
            };
            written = await _table.InsertRow(entry, table.Version.Next()).ConfigureAwait(false);
        }
        else
        {
            if (mine.Entry.Status == SiloStatus.Dead)
            {
                // Already dead in the table: nothing may be written over it; a terminating silo is done.
                return status == SiloStatus.Dead
                    ? true
                    : throw new SiloUnavailableException($"Silo {LocalSilo} is Dead in the membership table; it cannot become {status}.");
            }

            var entry = mine.Entry with { Status = status, IAmAliveTime = now };
            written = await _table.UpdateRow(entry, mine.ETag, table.Version.Next()).ConfigureAwait(false);
        }

        if (!written)
        {
            return false;
        }

        lock (_lock)
        {
            _localStatus = status;
            _rowWritten = true;
        }

        await ReadAllAndProcess(allowTerminatingWrite: status.IsTerminating()).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Records this silo's suspicion of <paramref name="silo"/> (Orleans: <c>TryToSuspectOrKill</c>): counts the
    /// target's fresh votes, adds or refreshes this silo's own, and — when that reaches
    /// min(<see cref="ClusterMembershipOptions.NumVotesForDeathDeclaration"/>, ⌈live silos / 2⌉) — writes the
    /// target Dead as the last voter. False on contention (the caller retries on its next probe).
    /// </summary>
    public async Task<bool> TryToSuspectOrKill(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Equals(LocalSilo))
        {
            return false;
        }

        var table = await ReadAllAndProcess().ConfigureAwait(false);
        if (IsTerminated)
        {
            return false;
        }

        var target = table.Find(silo);
        if (target is null)
        {
            return false;
        }

        if (target.Entry.Status == SiloStatus.Dead)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        var votes = new List<SuspectVote>();
        foreach (var vote in target.Entry.GetFreshVotes(now, _options.DeathVoteExpirationTimeout))
        {
            if (!vote.Voter.Equals(LocalSilo))
            {
                votes.Add(vote);
            }
        }

        votes.Add(new SuspectVote(LocalSilo, now));
        // Keep the newest votes only: more than the death quorum can never be needed.
        if (votes.Count > _options.NumVotesForDeathDeclaration)
        {
            votes.RemoveRange(0, votes.Count - _options.NumVotesForDeathDeclaration);
        }

        int activeNonStale = 0;
        foreach (var row in table.Members)
        {
            if (row.Entry.Status == SiloStatus.Active && !row.Entry.HasMissedIAmAlives(now, _options.AllowedIAmAliveMissPeriod))
            {
                activeNonStale++;
            }
        }

        int required = Math.Max(1, Math.Min(_options.NumVotesForDeathDeclaration, (activeNonStale + 1) / 2));
        bool declareDead = votes.Count >= required;
        var updated = target.Entry with
        {
            Status = declareDead ? SiloStatus.Dead : target.Entry.Status,
            SuspectTimes = votes,
        };
        if (!await _table.UpdateRow(updated, target.ETag, table.Version.Next()).ConfigureAwait(false))
        {
            return false;
        }

        if (declareDead)
        {
            LogDeclaredDead(LocalSilo, silo, votes.Count, required);
        }
        else
        {
            LogVoted(LocalSilo, silo, votes.Count, required);
        }

        await ReadAllAndProcess().ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> TryKill(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Equals(LocalSilo))
        {
            return false;
        }

        var table = await ReadAllAndProcess().ConfigureAwait(false);
        var target = table.Find(silo);
        if (target is null)
        {
            return false;
        }

        if (target.Entry.Status == SiloStatus.Dead)
        {
            return true;
        }

        var dead = target.Entry with { Status = SiloStatus.Dead };
        if (!await _table.UpdateRow(dead, target.ETag, table.Version.Next()).ConfigureAwait(false))
        {
            return false;
        }

        LogKilled(LocalSilo, silo);
        await ReadAllAndProcess().ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes this silo's heartbeat (unconditional; does not advance the version).</summary>
    public async Task UpdateIAmAlive()
    {
        if (IsTerminated)
        {
            return;
        }

        var entry = new MembershipEntry { SiloAddress = LocalSilo, Status = CurrentStatus, IAmAliveTime = _time.GetUtcNow() };
        await _table.UpdateIAmAlive(entry).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the local silo as stopping so that reading itself Dead from now on is expected, not fatal
    /// (a silo declared dead during its own shutdown does not terminate abruptly).
    /// </summary>
    public void MarkStopping(SiloStatus status)
    {
        if (!status.IsTerminating())
        {
            throw new ArgumentOutOfRangeException(nameof(status), "Only ShuttingDown, Stopping or Dead.");
        }

        lock (_lock)
        {
            if (_localStatus.CanTransitionTo(status))
            {
                _localStatus = status;
            }
        }
    }

    /// <inheritdoc/>
    public IDisposable SubscribeToUpdates(Action<ClusterMembershipSnapshot> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        var subscription = new Subscription(this, onUpdate);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_shutdown.IsCancellationRequested)
        {
            _shutdown.Cancel();
        }

        _shutdown.Dispose();
        _publishGate.Dispose();
    }

    /// <summary>Reads the whole table and applies it: self-checks, then publication of a newer view.</summary>
    private async Task<MembershipTableData> ReadAllAndProcess(bool allowTerminatingWrite = false)
    {
        var table = await _table.ReadAll().ConfigureAwait(false);
        ProcessTableUpdate(table, allowTerminatingWrite);
        return table;
    }

    private void ProcessTableUpdate(MembershipTableData table, bool allowTerminatingWrite)
    {
        CheckIfLocalSiloIsDead(table, allowTerminatingWrite);

        ClusterMembershipSnapshot? published = null;
        lock (_lock)
        {
            if (_tableSnapshot is null || table.Version.Version >= _tableSnapshot.Version.Version)
            {
                _tableSnapshot = new MembershipTableSnapshot(table, _time.GetUtcNow());
            }

            if (table.Version.Version > _snapshot.Version.Value || _snapshot.Version == MembershipVersion.MinValue)
            {
                _snapshot = ClusterMembershipSnapshot.FromTable(table);
                published = _snapshot;
            }
        }

        if (published is not null)
        {
            Publish(published);
        }
    }

    private void CheckIfLocalSiloIsDead(MembershipTableData table, bool allowTerminatingWrite)
    {
        if (IsTerminated)
        {
            return;
        }

        MembershipTableRow? mine = null;
        foreach (var row in table.Members)
        {
            var silo = row.Entry.SiloAddress;
            if (silo.IsSuccessorOf(LocalSilo))
            {
                KillMyselfLocally($"a newer generation {silo} of this endpoint is in the membership table");
                return;
            }

            if (silo.Equals(LocalSilo))
            {
                mine = row;
            }
        }

        bool rowWritten;
        SiloStatus local;
        lock (_lock)
        {
            rowWritten = _rowWritten;
            local = _localStatus;
        }

        if (mine is { Entry.Status: SiloStatus.Dead })
        {
            if (local.IsTerminating() || allowTerminatingWrite)
            {
                // Declared dead while shutting down: expected, nothing to abort.
                lock (_lock)
                {
                    _localStatus = SiloStatus.Dead;
                }

                Terminate(callHandler: false, "declared dead during shutdown");
                return;
            }

            KillMyselfLocally("this silo is declared Dead in the membership table");
        }
        else if (mine is null && rowWritten && !local.IsTerminating())
        {
            // Our row vanished: only dead rows are pruned, so the cluster considers us gone.
            KillMyselfLocally("this silo's row is missing from the membership table");
        }
    }

    private void KillMyselfLocally(string reason)
    {
        lock (_lock)
        {
            _localStatus = SiloStatus.Dead;
        }

        Terminate(callHandler: true, reason);
    }

    private void Terminate(bool callHandler, string reason)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        if (callHandler)
        {
            LogSelfTermination(LocalSilo, reason);
            _fatalErrorHandler.OnFatalError($"Silo {LocalSilo}: {reason}.", null);
        }
    }

    private void Publish(ClusterMembershipSnapshot snapshot)
    {
        // Serialised so subscribers see views in version order even when two reads finish together.
        _publishGate.Wait();
        try
        {
            Subscription[] subscribers;
            lock (_lock)
            {
                if (snapshot.Version < _snapshot.Version)
                {
                    return;
                }

                subscribers = [.. _subscriptions];
            }

            foreach (var subscription in subscribers)
            {
                subscription.Deliver(snapshot);
            }
        }
        finally
        {
            _publishGate.Release();
        }
    }

    private async IAsyncEnumerable<ClusterMembershipSnapshot> ReadUpdates([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterMembershipSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = SubscribeToUpdates(s => channel.Writer.TryWrite(s));
        var last = CurrentSnapshot;
        yield return last;
        while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (channel.Reader.TryRead(out var next))
            {
                if (next.Version > last.Version)
                {
                    last = next;
                    yield return next;
                }
            }
        }
    }

    private async Task CleanupMyTableEntries(MembershipTableData table)
    {
        foreach (var row in table.Members)
        {
            var silo = row.Entry.SiloAddress;
            if (LocalSilo.IsSuccessorOf(silo) && row.Entry.Status != SiloStatus.Dead)
            {
                // An older process at this endpoint died without saying so: declare it dead (retry on contention).
                for (var attempt = 0; attempt < 10 && !await TryKill(silo).ConfigureAwait(false); attempt++)
                {
                    await BackOff(attempt, _shutdown.Token).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task BackOff(int attempt, CancellationToken cancellationToken)
    {
        if (attempt < ImmediateRetries)
        {
            await Task.Yield();
            return;
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 50 * Math.Pow(2, attempt - ImmediateRetries)) *
                                              (0.5 + (Random.Shared.NextDouble() / 2)));
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {Silo} wrote status {Status}")]
    private partial void LogStatusWritten(SiloAddress silo, SiloStatus status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {Voter} voted {Target} suspect ({Votes}/{Required} votes)")]
    private partial void LogVoted(SiloAddress voter, SiloAddress target, int votes, int required);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Silo {Voter} declared {Target} Dead ({Votes}/{Required} votes)")]
    private partial void LogDeclaredDead(SiloAddress voter, SiloAddress target, int votes, int required);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Silo {Killer} declared superseded silo {Target} Dead")]
    private partial void LogKilled(SiloAddress killer, SiloAddress target);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical, Message = "Silo {Silo} terminates itself: {Reason}")]
    private partial void LogSelfTermination(SiloAddress silo, string reason);

    private sealed class Subscription(MembershipTableManager owner, Action<ClusterMembershipSnapshot> onUpdate) : IDisposable
    {
        private MembershipVersion _delivered = MembershipVersion.MinValue;

        public void Deliver(ClusterMembershipSnapshot snapshot)
        {
            if (snapshot.Version <= _delivered && _delivered != MembershipVersion.MinValue)
            {
                return;
            }

            _delivered = snapshot.Version;
            onUpdate(snapshot);
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscriptions.Remove(this);
            }
        }
    }
}
