using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>The <see cref="ICounterGrain"/> implementation (grain type <c>counter</c>).</summary>
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    ILocalSiloDetails silo,
    HostEvents events) : Grain, ICounterGrain
{
    private IGrainTimer? _ticker;

    /// <inheritdoc/>
    public async Task<long> Increment(long? expectedCurrent)
    {
        if (expectedCurrent is { } expected && expected != counter.State.Value)
        {
            throw new CounterMismatchException($"Counter {this.GetPrimaryKeyString()} is {counter.State.Value}, not {expected}.");
        }

        counter.State.Value++;
        try
        {
            await counter.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have happened (a conflict means it did not); the in-memory value must not
            // run ahead of storage for the next call, and a conflict deactivates this activation anyway.
            counter.State.Value--;
            throw;
        }

        return counter.State.Value;
    }

    /// <inheritdoc/>
    public Task<long> Get() => Task.FromResult(counter.State.Value);

    /// <inheritdoc/>
    public Task<string> WhereAreYou() => Task.FromResult(SiloAddressText.Format(silo.SiloAddress));

    /// <inheritdoc/>
    public Task StartTicking(int periodMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMilliseconds, 1);
        _ticker?.Dispose();
        var period = TimeSpan.FromMilliseconds(periodMilliseconds);
        _ticker = RegisterGrainTimer(Tick, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var etag = counter.Etag ?? "none";
        try
        {
            var value = await Increment(null);
            events.Write("tick-written", key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (InconsistentStateException exception)
        {
            // The ETag we hold is stale: another activation committed since. Stop and let the activation go.
            events.Write("stale-write-rejected", key, etag, exception.GetType().Name);
            _ticker?.Dispose();
            _ticker = null;
            DeactivateOnIdle();
        }
        catch (Exception exception)
        {
            events.Write("tick-failed", key, exception.GetType().Name);
        }
    }
}
