using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Drives this silo through the membership lifecycle (Orleans: <c>MembershipAgent</c>): start the table manager,
/// write Joining, start probing, check that every active silo answers, write Active, then publish IAmAlive and
/// re-read the table periodically. Stopping writes ShuttingDown (or Stopping) and finally Dead.
/// </summary>
public sealed partial class MembershipAgent : IAsyncDisposable
{
    private readonly MembershipTableManager _manager;
    private readonly ClusterHealthMonitor _monitor;
    private readonly MembershipTableCleanupAgent? _cleanup;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Task> _loops = [];
    private CancellationTokenSource? _loopsCancellation;

    /// <summary>Creates the agent (DI).</summary>
    public MembershipAgent(
        MembershipTableManager manager,
        ClusterHealthMonitor monitor,
        TimeProvider timeProvider,
        MembershipTableCleanupAgent? cleanup = null,
        ILogger<MembershipAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _manager = manager;
        _monitor = monitor;
        _cleanup = cleanup;
        _time = timeProvider;
        _logger = logger ?? NullLogger<MembershipAgent>.Instance;
    }

    /// <summary>The table manager.</summary>
    public MembershipTableManager Manager => _manager;

    /// <summary>
    /// Joins the cluster: Created → Joining → (connectivity check) → Active, then starts the periodic loops.
    /// Throws when the silo cannot join (another generation supersedes it, it is declared dead, or some active silo
    /// stays unreachable for <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/>).
    /// </summary>
    public async Task Join(CancellationToken cancellationToken = default)
    {
        await _manager.Start().ConfigureAwait(false);
        ThrowIfTerminated("starting");
        await _manager.UpdateStatus(SiloStatus.Joining, cancellationToken).ConfigureAwait(false);
        _loopsCancellation = CancellationTokenSource.CreateLinkedTokenSource(_manager.ShutdownToken);
        var token = _loopsCancellation.Token;
        if (_manager.Options.LivenessEnabled)
        {
            // Probing starts while Joining, so rows left by crashed processes can be voted out before we go Active.
            _loops.Add(RunPeriodically(_manager.Options.ProbeTimeout, ct => _monitor.ProbeMonitoredSilos(ct), "probe", token));
        }

        if (_manager.Options.ValidateInitialConnectivity)
        {
            await ValidateInitialConnectivity(cancellationToken).ConfigureAwait(false);
        }

        await _manager.UpdateStatus(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        _loops.Add(RunPeriodically(_manager.Options.IAmAliveTablePublishTimeout, _ => _manager.UpdateIAmAlive(), "IAmAlive", token));
        _loops.Add(RunPeriodically(_manager.Options.TableRefreshTimeout, _ => _manager.Refresh(), "refresh", token));
        if (_cleanup is not null)
        {
            _loops.Add(RunPeriodically(_manager.Options.DefunctSiloCleanupPeriod, _ => _cleanup.CleanupDefunctEntries(), "cleanup", token));
        }

        LogJoined(_manager.LocalSilo, _manager.CurrentSnapshot.Version);
    }

    /// <summary>
    /// Probes every active silo; silos that do not answer are probed again (and voted against by the monitor)
    /// after a table refresh, until all remaining active silos answer or <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/> passes.
    /// </summary>
    public async Task ValidateInitialConnectivity(CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _manager.Options.MaxJoinAttemptTime;
        while (true)
        {
            ThrowIfTerminated("joining");
            var active = _manager.CurrentSnapshot.GetActiveSilos().Where(s => !s.Equals(_manager.LocalSilo)).ToList();
            var answers = await Task.WhenAll(active.Select(s => _monitor.ProbeOne(s, cancellationToken))).ConfigureAwait(false);
            var unreachable = active.Where((_, i) => !answers[i]).ToList();
            if (unreachable.Count == 0)
            {
                return;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new SiloUnavailableException(
                    $"Silo {_manager.LocalSilo} could not reach active silos {string.Join(", ", unreachable)} within {_manager.Options.MaxJoinAttemptTime}; it does not join.");
            }

            LogJoinWaiting(_manager.LocalSilo, unreachable.Count);
            // Let the monitor count the misses and vote; dead rows then drop out of the active set.
            await _monitor.ProbeMonitoredSilos(cancellationToken).ConfigureAwait(false);
            await _manager.Refresh().ConfigureAwait(false);
            var stillActive = _manager.CurrentSnapshot.GetActiveSilos();
            if (unreachable.Any(stillActive.Contains))
            {
                await Task.Delay(_manager.Options.ProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Starts leaving: writes <see cref="SiloStatus.ShuttingDown"/> (graceful) or <see cref="SiloStatus.Stopping"/>
    /// and stops probing. Call <see cref="CompleteShutdown"/> once activations are gone.
    /// </summary>
    public async Task BeginShutdown(bool graceful, CancellationToken cancellationToken = default)
    {
        var status = graceful ? SiloStatus.ShuttingDown : SiloStatus.Stopping;
        await StopLoops().ConfigureAwait(false);
        if (_manager.IsTerminated || _manager.CurrentStatus is SiloStatus.Created or SiloStatus.Dead)
        {
            return;
        }

        _manager.MarkStopping(status);
        await _manager.UpdateStatus(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <see cref="SiloStatus.Dead"/> for this silo (the last write of a clean exit).</summary>
    public async Task CompleteShutdown(CancellationToken cancellationToken = default)
    {
        await StopLoops().ConfigureAwait(false);
        if (_manager.CurrentStatus is SiloStatus.Created or SiloStatus.Dead)
        {
            return;
        }

        _manager.MarkStopping(SiloStatus.Dead);
        await _manager.UpdateStatus(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopLoops().ConfigureAwait(false);

    private async Task StopLoops()
    {
        if (_loopsCancellation is { } cts)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(_loops).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _loops.Clear();
        }
    }

    private void ThrowIfTerminated(string stage)
    {
        if (_manager.IsTerminated)
        {
            throw new SiloUnavailableException($"Silo {_manager.LocalSilo} is dead or superseded; stopped while {stage}.");
        }
    }

    private async Task RunPeriodically(TimeSpan period, Func<CancellationToken, Task> action, string name, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await action(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Table unavailable or similar: keep serving and try again next period (safety over liveness).
                    LogLoopFailed(exception, name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {Silo} is Active at membership version {Version}")]
    private partial void LogJoined(SiloAddress silo, MembershipVersion version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Silo {Silo} waits for {Count} unreachable active silos before joining")]
    private partial void LogJoinWaiting(SiloAddress silo, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Membership {Loop} iteration failed")]
    private partial void LogLoopFailed(Exception exception, string loop);
}
