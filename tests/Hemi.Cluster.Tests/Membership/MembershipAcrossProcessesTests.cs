using System.Globalization;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;
using Xunit.Abstractions;

namespace Hemi.Cluster.Tests.Membership;

/// <summary>
/// Membership between real silo processes on Azurite: join, crash detection (SIGKILL: no goodbye write), and a
/// frozen silo (SIGSTOP) that is declared dead while it cannot run, then wakes up (SIGCONT).
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class MembershipAcrossProcessesTests(ITestOutputHelper output)
{
    private const string Azurite = "HEMI_AZURITE_CONNECTION_STRING";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [ServiceFact(Azurite)]
    public async Task ThreeSilos_JoinAndAllSeeEachOtherActive()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            Assert.Equal(3, silos.Select(s => s.AddressText).Distinct().Count());
            var took = await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            cluster.Note($"all three views agree after {took.TotalSeconds:0.0} s");

            var table = await cluster.Storage.ReadMembershipAsync();
            Assert.Equal(3, table.Members.Count);
            Assert.All(table.Members, row => Assert.Equal(SiloStatus.Active, row.Entry.Status));
            // Each silo wrote Joining, then Active: at least two versions per silo.
            Assert.True(table.Version.Version >= 6, $"table version {table.Version.Version}");
        }, TestTimeout);
    }

    [ServiceFact(Azurite)]
    public async Task KilledSilo_IsDeclaredDeadBySurvivors_WithinTheTestProfileBound()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            var (victim, survivors) = (silos[2], new[] { silos[0], silos[1] });

            await cluster.KillAsync(victim);
            var bound = ClusterExpectations.DeathDetection(FailureDetectionProfile.Test);
            var took = await cluster.WaitUntilStatusAsync(survivors, [victim], SiloStatus.Dead, bound);
            cluster.Note($"victim declared Dead and seen Dead by both survivors {took.TotalSeconds:0.0} s after SIGKILL (bound {bound.TotalSeconds:0} s)");

            Assert.Equal(137, victim.ExitCode); // 128 + SIGKILL: it died, it did not leave
            var table = await cluster.Storage.ReadMembershipAsync();
            var victimRow = table.Find(victim.Address)!.Entry;
            Assert.NotEmpty(victimRow.SuspectTimes); // declared by votes, not by its own goodbye
            foreach (var survivor in survivors)
            {
                Assert.Equal(SiloStatus.Active, table.Find(survivor.Address)!.Entry.Status);
                Assert.False(survivor.HasExited);
            }
        }, TestTimeout);
    }

    [ServiceFact(Azurite)]
    public async Task StoppedSilo_OnSigterm_LeavesGracefully_ExitsZeroAndWritesItselfDead()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(2);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            var (stays, leaves) = (silos[0], silos[1]);

            Assert.True(await leaves.StopAsync(TimeSpan.FromSeconds(30)), "SIGTERM did not stop the silo within 30 s");
            Assert.Equal(0, leaves.ExitCode);
            Assert.Contains("STOPPED", leaves.Lines);

            // It wrote its own Dead row on the way out: no suspicion votes were needed.
            var row = (await cluster.Storage.ReadMembershipAsync()).Find(leaves.Address)!.Entry;
            Assert.Equal(SiloStatus.Dead, row.Status);
            Assert.Empty(row.SuspectTimes);
            await cluster.WaitUntilStatusAsync([stays], [leaves], SiloStatus.Dead, Settle);
        }, TestTimeout);
    }

    [ServiceFact(Azurite)]
    public async Task FrozenSilo_DeclaredDead_ExitsByItselfOnThaw_AndItsStaleWriteNeverLands()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, Settle);
            var (zombie, survivor, other) = (silos[0], silos[1], silos[2]);
            // The counter must live on the soon-to-be zombie: placement is random, so keep the first key placed there.
            var key = await KeyPlacedOnAsync(zombie, "frozen-" + Guid.NewGuid().ToString("N")[..8]);

            // It writes every 100 ms from a timer.
            Assert.Equal("1", await zombie.SendAsync($"increment {key}"));
            var ticksFrom = zombie.Lines.Count;
            await zombie.SendAsync($"tick {key} 100");
            await zombie.WaitForLineAsync(l => l.StartsWith($"EVENT tick-written {key} ", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "a timer write", ticksFrom);

            zombie.Freeze();
            var acknowledged = await StableCounterAsync(cluster, key);
            cluster.Note($"frozen with counter {key} = {acknowledged} in storage");

            var took = await cluster.WaitUntilStatusAsync([survivor, other], [zombie], SiloStatus.Dead, ClusterExpectations.DeathDetection(FailureDetectionProfile.Test));
            cluster.Note($"frozen silo declared Dead after {took.TotalSeconds:0.0} s");
            Assert.False(zombie.HasExited);

            // The grain comes back on a live silo (its directory entry points at a Dead one) from the last acknowledged state.
            Assert.Equal(Text(acknowledged + 1), await survivor.SendAsync($"increment {key}"));
            Assert.Contains(await survivor.SendAsync($"where {key}"), new[] { survivor.AddressText, other.AddressText });

            var thawFrom = zombie.Lines.Count;
            zombie.Thaw();
            Assert.True(await zombie.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the thawed silo did not terminate itself within 20 s");
            Assert.Equal(ExitingFatalErrorHandler.ExitCode, zombie.ExitCode);
            Assert.Contains(zombie.Lines, l => l.StartsWith("FATAL ", StringComparison.Ordinal) && l.Contains("Dead", StringComparison.Ordinal));

            // Whatever the zombie's timer tried after waking, nothing it held could commit: every write it reports is
            // from before the freeze, and storage holds exactly the survivor's value.
            var zombieWrites = zombie.Lines.Where(l => l.StartsWith($"EVENT tick-written {key} ", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ')[3], CultureInfo.InvariantCulture)).ToList();
            Assert.All(zombieWrites, v => Assert.True(v <= acknowledged, $"the zombie committed {v} after being declared dead"));
            Assert.Equal(acknowledged + 1, (await cluster.Storage.ReadCounterAsync(key)).Value);
            var rejected = zombie.Lines.Skip(thawFrom).Count(l => l.StartsWith($"EVENT stale-write-rejected {key} ", StringComparison.Ordinal));
            cluster.Note($"zombie after thaw: {rejected} stale write(s) rejected by ETag before it exited");

            Assert.Equal(Text(acknowledged + 2), await survivor.SendAsync($"increment {key}"));
        }, TestTimeout);
    }

    /// <summary>The first counter key <c>{prefix}-N</c> whose activation lands on <paramref name="silo"/> when it calls it.</summary>
    private static async Task<string> KeyPlacedOnAsync(SiloProcess silo, string prefix)
    {
        for (var i = 0; i < 100; i++)
        {
            var key = $"{prefix}-{i}";
            if (await silo.SendAsync($"where {key}") == silo.AddressText)
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No counter of 100 landed on {silo.Name}: placement never chooses it.");
    }

    /// <summary>Reads the stored counter until two reads 300 ms apart agree (a write sent before a freeze may still land).</summary>
    private static async Task<long> StableCounterAsync(ProcessCluster cluster, string key)
    {
        var previous = (await cluster.Storage.ReadCounterAsync(key)).Value;
        while (true)
        {
            await Task.Delay(300);
            var current = (await cluster.Storage.ReadCounterAsync(key)).Value;
            if (current == previous)
            {
                return current;
            }

            previous = current;
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
