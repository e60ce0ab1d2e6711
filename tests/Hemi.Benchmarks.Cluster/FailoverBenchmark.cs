using System.Collections.Concurrent;
using System.Diagnostics;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Benchmarks.Cluster;

/// <summary>
/// Time from SIGKILL of the silo hosting <c>grains</c> counters to each counter answering again, from a survivor,
/// with its last acknowledged value (a conditional increment that expects it). Also the time until the stored
/// table says Dead. Three silo processes; the failure-detection profile is the variable.
/// </summary>
internal sealed class FailoverBenchmark(FailureDetectionProfile profile, int grains)
{
    public async Task<int> RunAsync()
    {
        await using var cluster = ProcessCluster.Create(Console.WriteLine, profile, prefix: "failover");
        var silos = await cluster.StartSilosAsync(3);
        await cluster.WaitUntilAllSeeActiveAsync(silos, silos, profile == FailureDetectionProfile.Test ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(3));
        var (victim, survivors) = (silos[0], new[] { silos[1], silos[2] });
        // Placement is random: keep the first keys whose activation the victim's calls placed on the victim.
        var keys = new List<string>();
        for (var i = 0; keys.Count < grains; i++)
        {
            if (i > grains * 50)
            {
                throw new InvalidOperationException($"Only {keys.Count} of {i} counters landed on the victim.");
            }

            if (await victim.SendAsync($"where failover-{i}") == victim.AddressText)
            {
                keys.Add($"failover-{i}");
            }
        }

        foreach (var key in keys)
        {
            if (await victim.SendAsync($"increment {key}") != "1")
            {
                throw new InvalidOperationException($"{key} did not start at 0.");
            }
        }

        var answered = new ConcurrentDictionary<string, TimeSpan>();
        var lastError = new ConcurrentDictionary<string, string>();
        var budget = profile == FailureDetectionProfile.Test ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(10);
        await cluster.KillAsync(victim);
        var clock = Stopwatch.StartNew();
        var deadTask = ProcessCluster.WaitUntilAsync(
            async () => await cluster.Storage.ReadStatusAsync(victim.Address) == SiloStatus.Dead,
            budget,
            () => Task.FromResult("victim never Dead in the table"),
            TimeSpan.FromMilliseconds(100)).ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);

        await Task.WhenAll(keys.Select((key, i) => Task.Run(async () =>
        {
            var caller = survivors[i % survivors.Length];
            while (clock.Elapsed < budget)
            {
                try
                {
                    // Expect 1: the grain must come back with its last acknowledged state, not a fresh one.
                    await caller.SendAsync($"increment {key} 1", TimeSpan.FromSeconds(40));
                    answered[key] = clock.Elapsed;
                    return;
                }
                catch (ControlCommandException e)
                {
                    lastError[key] = e.ErrorType + ": " + (e.Message.Length <= 200 ? e.Message : e.Message[..200]);
                }

                await Task.Delay(100);
            }
        })));

        var dead = await deadTask;
        var times = answered.Values.OrderBy(t => t).ToList();
        Console.WriteLine($"RESULT profile {profile}: victim Dead in the table {dead.TotalSeconds:F1} s after SIGKILL");
        if (times.Count < keys.Count)
        {
            Console.WriteLine($"RESULT {keys.Count - times.Count} of {keys.Count} grains never answered; last errors: {string.Join(", ", lastError.Values.Distinct())}");
            return 1;
        }

        Console.WriteLine($"RESULT profile {profile}: {keys.Count} grains answering again from survivors after first {times[0].TotalSeconds:F1} s, median {times[times.Count / 2].TotalSeconds:F1} s, last {times[^1].TotalSeconds:F1} s ");
        foreach (var group in lastError.Values.GroupBy(e => e[..e.IndexOf(':', StringComparison.Ordinal)]))
        {
            Console.WriteLine($"  last error of {group.Count()} grain(s) while waiting: {group.First()}");
        }

        return 0;
    }
}
