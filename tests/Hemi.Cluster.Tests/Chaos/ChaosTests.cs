using System.Diagnostics;
using System.Globalization;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;
using Xunit.Abstractions;

namespace Hemi.Cluster.Tests.Chaos;

/// <summary>
/// Bounded chaos (design doc §8.5, Orleans' ElasticChaos shape) on real processes: silos are SIGKILLed and restarted at
/// random, keeping 1 to 4 alive, and now and then frozen (SIGSTOP) for a few seconds, while clients increment per-grain
/// counters through the external client. Afterwards: every acknowledged increment is
/// stored, no counter went backwards, the directory holds at most one entry per grain and live entries agree with
/// where the grains answer. Runs 60 s by default; <c>HEMI_CHAOS_SECONDS</c> makes it longer (<c>HEMI_CHAOS_SEED</c> replays).
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const string Azurite = "HEMI_AZURITE_CONNECTION_STRING";
    private const int Counters = 12;
    private const int MinSilos = 1;

    [ServiceFact(Azurite)]
    [Trait("Category", "Chaos")]
    public async Task RandomKillsAndRestarts_LoseNoAcknowledgedIncrement_AndLeaveOneLiveDirectoryEntryPerGrain()
    {
        var duration = TimeSpan.FromSeconds(ReadInt("HEMI_CHAOS_SECONDS", 60, min: 10));
        var seed = ReadInt("HEMI_CHAOS_SEED", Environment.TickCount & 0x7fffffff, min: 0);
        await using var cluster = ProcessCluster.Create(output.WriteLine, prefix: "chaos");
        await cluster.RunAsync(async () =>
        {
            cluster.Note($"chaos for {duration.TotalSeconds:0} s, seed {seed} (HEMI_CHAOS_SEED={seed} replays the schedule)");
            var random = new Random(seed);
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, TimeSpan.FromSeconds(30));
            await using var client = await ExternalCounterClient.StartAsync(cluster);
            cluster.Note("clients: " + client.Description);

            var counters = Enumerable.Range(0, Counters).Select(i => new CounterTrack($"chaos-{i}")).ToArray();
            var violations = new List<string>();
            using var stopLoad = new CancellationTokenSource();
            var load = counters.Select(c => Task.Run(() => IncrementLoop(client, c, violations, stopLoad.Token))).ToList();

            var chaos = await RunChaos(cluster, random, duration);
            var selfTerminated = cluster.Silos.Where(s => s.HasExited && s.ExitCode == ExitingFatalErrorHandler.ExitCode).Select(s => s.Name).ToList();
            cluster.Note($"chaos over: {chaos.Kills} kills, {chaos.Starts} starts, {chaos.Freezes} freezes; self-terminated after being declared dead: [{string.Join(", ", selfTerminated)}]; running: {string.Join(", ", cluster.Running.Select(s => s.Name))}");
            var (minKills, minStarts) = ((int)(duration.TotalSeconds / 30), (int)(duration.TotalSeconds / 60));
            Assert.True(chaos.Kills >= minKills && chaos.Starts >= minStarts, $"the schedule did too little: {chaos.Kills} kills (≥ {minKills}), {chaos.Starts} starts (≥ {minStarts})");

            // Every silo that ended was killed, terminated itself on reading itself Dead, or never got to join:
            // no crash, no other way out.
            var crashed = cluster.Silos.Where(s => s.HasExited && s.ExitCode is not (137 or ExitingFatalErrorHandler.ExitCode or 1)).Select(s => $"{s.Name} exit {s.ExitCode}").ToList();
            Assert.True(crashed.Count == 0, "silos ended otherwise: " + string.Join(", ", crashed));

            // Let the cluster settle: every survivor Active and seeing the same; every counter answering again.
            var running = cluster.Running;
            await cluster.WaitUntilAllSeeActiveAsync(running, running, TimeSpan.FromSeconds(60));
            var marks = counters.ToDictionary(c => c.Key, c => c.Acknowledged.Count);
            await ProcessCluster.WaitUntilAsync(
                () => Task.FromResult(counters.All(c => c.Acknowledged.Count > marks[c.Key])),
                TimeSpan.FromSeconds(60),
                () => Task.FromResult("counters not answering after the chaos: " + string.Join(", ", counters.Where(c => c.Acknowledged.Count <= marks[c.Key]).Select(c => $"{c.Key} ({c.LastError})"))));
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);

            lock (violations)
            {
                Assert.True(violations.Count == 0, string.Join("\n", violations));
            }

            var acked = counters.Sum(c => c.Acknowledged.Count);
            var inDoubt = counters.Sum(c => c.InDoubt);
            cluster.Note($"{acked} acknowledged increments, {inDoubt} in doubt");
            Assert.True(acked >= Counters * 10, $"only {acked} increments were acknowledged: the load did not run");
            foreach (var counter in counters)
            {
                var stored = (await cluster.Storage.ReadCounterAsync(counter.Key)).Value;
                counter.AssertConsistentWith(stored);
                // The live activation never shows less than was acknowledged, nor more than was stored (after a
                // failed write whose outcome it cannot know, it may lag storage until its next write conflicts).
                Assert.InRange(await client.GetAsync(counter.Key), counter.Acknowledged[^1], stored);
            }

            await AssertDirectoryHasOneLiveEntryPerGrain(cluster, client, counters);
        }, duration + TimeSpan.FromMinutes(4));
    }

    private static async Task<ChaosSummary> RunChaos(ProcessCluster cluster, Random random, TimeSpan duration)
    {
        var summary = new ChaosSummary();
        var thaws = new List<Task>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 4000)));
            var running = cluster.Running;
            var awake = running.Where(s => !s.IsFrozen).ToList();

            // Now and then a silo freezes (SIGSTOP) for 1-6 s: long enough, it is declared dead while it cannot run,
            // and on waking it must find out and exit without committing anything it held.
            if (awake.Count >= 2 && clock.Elapsed < duration - TimeSpan.FromSeconds(10) && random.Next(4) == 0)
            {
                var frozen = awake[random.Next(awake.Count)];
                var hold = TimeSpan.FromMilliseconds(random.Next(1000, 6000));
                cluster.Note($"SIGSTOP {frozen.Name} for {hold.TotalSeconds:0.0} s");
                frozen.Freeze();
                summary.Freezes++;
                thaws.Add(ThawLater(cluster, frozen, hold));
                continue;
            }

            // Kill when 3 or 4 run, start when 1 runs, toss a coin at 2: the cluster keeps moving through 1..4.
            var kill = running.Count >= 3 || (running.Count > MinSilos && random.Next(2) == 0);
            if (kill)
            {
                await cluster.KillAsync(running[random.Next(running.Count)]);
                summary.Kills++;
                continue;
            }

            // Half the starts reuse the endpoint of a dead silo (a restart: new generation), half take a new port.
            var usedPorts = running.Select(s => s.SiloPort).ToHashSet();
            var dead = cluster.Silos.Where(s => s.HasExited && !usedPorts.Contains(s.SiloPort)).DistinctBy(s => s.SiloPort).ToList();
            try
            {
                if (dead.Count > 0 && random.Next(2) == 0)
                {
                    await cluster.RestartAsync(dead[random.Next(dead.Count)]);
                }
                else
                {
                    await cluster.StartSiloAsync();
                }

                summary.Starts++;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // A silo that cannot join (e.g. it found a dead peer not yet voted out and gave up) is a failed start,
                // not a safety violation; the schedule goes on and the report shows it.
                cluster.Note("start failed: " + e.Message.Split('\n')[0]);
            }
        }

        await Task.WhenAll(thaws);
        return summary;
    }

    private static async Task ThawLater(ProcessCluster cluster, SiloProcess silo, TimeSpan hold)
    {
        await Task.Delay(hold);
        if (!silo.HasExited && silo.IsFrozen)
        {
            silo.Thaw();
            cluster.Note($"SIGCONT {silo.Name}");
        }
    }

    /// <summary>What the chaos schedule did.</summary>
    private sealed class ChaosSummary
    {
        public int Kills { get; set; }

        public int Starts { get; set; }

        public int Freezes { get; set; }
    }

    private static async Task IncrementLoop(ICounterClient client, CounterTrack counter, List<string> violations, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            long value;
            try
            {
                value = await client.IncrementAsync(counter.Key);
            }
            catch (Exception e)
            {
                counter.InDoubt++;
                counter.LastError = e.GetType().Name + ": " + e.Message.Split('\n')[0];
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            try
            {
                counter.Acknowledge(value);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                lock (violations)
                {
                    violations.Add(e.Message);
                }

                return;
            }
        }
    }

    private static async Task AssertDirectoryHasOneLiveEntryPerGrain(ProcessCluster cluster, ICounterClient client, CounterTrack[] counters)
    {
        var table = await cluster.Storage.ReadMembershipAsync();
        var view = ClusterMembershipSnapshot.FromTable(table);
        var entries = await cluster.Storage.ReadDirectoryAsync();
        var duplicates = entries.GroupBy(e => e.GrainId).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        Assert.True(duplicates.Count == 0, "several directory entries for: " + string.Join(", ", duplicates));

        var live = entries.Where(e => view.GetSiloStatus(e.Address.SiloAddress) == SiloStatus.Active).ToList();
        cluster.Note($"directory: {entries.Count} entries, {live.Count} on live silos");
        foreach (var counter in counters)
        {
            var entry = live.SingleOrDefault(e => e.GrainId.Key == counter.Key && e.GrainId.Type.Value == "counter");
            Assert.True(entry is not null, $"{counter.Key} answered but has no directory entry on a live silo");
            // The entry names the activation that answers: one activation per grain, the registered one.
            Assert.Equal(SiloAddressText.Format(entry.Address.SiloAddress), await client.WhereAsync(counter.Key));
        }
    }

    private static int ReadInt(string variable, int fallback, int min)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min ? value : fallback;
    }
}
