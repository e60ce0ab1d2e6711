using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;
using Xunit.Abstractions;

namespace Hemi.Cluster.Tests.Failover;

/// <summary>
/// Grain calls between real silo processes: random placement spreads grains over the silos, every silo reaches a grain
/// at the one place it lives, and when a silo is SIGKILLed under load, calls pending on it fail fast and its grains
/// come back on survivors with their last acknowledged state. Calls are made by the silos themselves (their
/// in-silo client routes to the grain's silo), driven through the test host's control channel.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class GrainCallsAcrossProcessesTests(ITestOutputHelper output)
{
    private const string Azurite = "HEMI_AZURITE_CONNECTION_STRING";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [ServiceFact(Azurite)]
    public async Task Grains_SpreadOverThreeSilos_AndEverySiloReachesEachAtTheSamePlace()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            var keys = Enumerable.Range(0, 45).Select(i => $"spread-{i}").ToArray();

            // Each grain is first called from a different silo; random placement puts it anywhere.
            var where = new Dictionary<string, string>();
            for (var i = 0; i < keys.Length; i++)
            {
                where[keys[i]] = await silos[i % 3].SendAsync($"locate {keys[i]}");
            }

            var perSilo = silos.ToDictionary(s => s.AddressText, s => where.Values.Count(w => w == s.AddressText));
            cluster.Note("grains per silo: " + string.Join(", ", perSilo.Select(p => $"{p.Key}={p.Value}")));
            Assert.All(where.Values, w => Assert.Contains(w, perSilo.Keys));
            // 45 uniform choices among 3 leave a silo empty with probability 3·(2/3)^45 ≈ 3e-8.
            Assert.All(perSilo.Values, count => Assert.True(count > 0, "a silo hosts no grain: placement does not spread"));

            // Single activation: every silo finds each grain where it was placed.
            foreach (var silo in silos)
            {
                foreach (var key in keys)
                {
                    Assert.Equal(where[key], await silo.SendAsync($"locate {key}"));
                }
            }
        }, TestTimeout);
    }

    [ServiceFact(Azurite)]
    public async Task KilledSilo_PendingCallsFailFast_AndItsGrainsAnswerAgainWithTheLastAcknowledgedState()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            var (callers, victim) = (new[] { silos[0], silos[1] }, silos[2]);

            // Counters spread over the three silos, each acknowledged a few times.
            var counters = Enumerable.Range(0, 24).Select(i => new CounterTrack($"kill-{i}")).ToArray();
            foreach (var counter in counters)
            {
                for (var n = 0; n < 3; n++)
                {
                    counter.Acknowledge(ParseLong(await callers[n % 2].SendAsync($"increment {counter.Key}")));
                }

                counter.HomeBeforeKill = await callers[0].SendAsync($"where {counter.Key}");
            }

            var onVictim = counters.Where(c => c.HomeBeforeKill == victim.AddressText).ToList();
            cluster.Note($"{onVictim.Count} of {counters.Length} counters live on the victim {victim.AddressText}");
            Assert.NotEmpty(onVictim);

            // Slow calls parked on the victim: they can only end by failing once it dies.
            var slowKeys = new List<string>();
            for (var i = 0; slowKeys.Count < 4 && i < 200; i++)
            {
                if (await callers[0].SendAsync($"slow slow-{i} 0") == victim.AddressText)
                {
                    slowKeys.Add($"slow-{i}");
                }
            }

            Assert.Equal(4, slowKeys.Count);
            var pending = slowKeys.Select(k => callers[slowKeys.IndexOf(k) % 2].SendAsync($"slow {k} 120000", TimeSpan.FromSeconds(90))).ToList();

            // Load: one sequential incrementer per counter, alternating callers, until each has answered after the kill.
            using var stopLoad = new CancellationTokenSource();
            var killed = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            var load = counters.Select((c, i) => RunIncrements(c, callers[i % 2], killed.Task, stopLoad.Token)).ToList();
            await Task.Delay(1500);

            await cluster.KillAsync(victim);
            var sinceKill = Stopwatch.StartNew();
            killed.SetResult(sinceKill);

            foreach (var call in pending)
            {
                var failure = await Assert.ThrowsAsync<ControlCommandException>(() => call);
                cluster.Note($"pending call failed after {sinceKill.Elapsed.TotalSeconds:0.0} s: {failure.ErrorType}");
            }

            var pendingFailedAfter = sinceKill.Elapsed;
            Assert.True(pendingFailedAfter < TimeSpan.FromSeconds(10), $"pending calls took {pendingFailedAfter.TotalSeconds:0.0} s to fail (the response timeout is 30 s)");

            // Failover: every counter answers again after the kill (its incrementer records when).
            var failoverBound = ClusterExpectations.DeathDetection(FailureDetectionProfile.Test) + TimeSpan.FromSeconds(10);
            await ProcessCluster.WaitUntilAsync(
                () => Task.FromResult(counters.All(c => c.AnsweredAfterKill is not null)),
                failoverBound,
                () => Task.FromResult("still failing: " + string.Join(", ", counters.Where(c => c.AnsweredAfterKill is null).Select(c => $"{c.Key} ({c.LastError})"))));
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            cluster.Note($"victim's counters answered again after {onVictim.Max(c => c.AnsweredAfterKill!.Value).TotalSeconds:0.0} s at most");

            Assert.Equal(SiloStatus.Dead, await cluster.Storage.ReadStatusAsync(victim.Address));
            foreach (var counter in counters)
            {
                var stored = (await cluster.Storage.ReadCounterAsync(counter.Key)).Value;
                var seen = ParseLong(await callers[1].SendAsync($"get {counter.Key}"));
                Assert.Equal(stored, seen);
                counter.AssertConsistentWith(stored);
                var home = await callers[1].SendAsync($"where {counter.Key}");
                Assert.NotEqual(victim.AddressText, home);
            }
        }, TestTimeout);
    }

    private static async Task RunIncrements(CounterTrack counter, SiloProcess caller, Task<Stopwatch> killed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sinceKill = killed.IsCompleted ? killed.Result : null;
            try
            {
                counter.Acknowledge(ParseLong(await caller.SendAsync($"increment {counter.Key}", TimeSpan.FromSeconds(45))));
                if (sinceKill is not null && counter.AnsweredAfterKill is null)
                {
                    counter.AnsweredAfterKill = sinceKill.Elapsed;
                }
            }
            catch (ControlCommandException e)
            {
                // The increment may or may not have been written (a call lost with the victim): in doubt.
                counter.InDoubt++;
                counter.LastError = e.ErrorType;
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static long ParseLong(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
