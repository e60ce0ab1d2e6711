using System.Diagnostics;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Grains;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;
using Xunit.Abstractions;

namespace Hemi.Cluster.Tests.Failover;

/// <summary>
/// The runtime's external client (in the test process) against real silo processes: it finds gateways in the Azure
/// Blob membership table, its calls pending on a SIGKILLed silo fail fast, and it keeps working through the survivors,
/// where the victim's grains come back with their last acknowledged state.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ExternalClientFailoverTests(ITestOutputHelper output)
{
    private const string Azurite = "HEMI_AZURITE_CONNECTION_STRING";

    [ServiceFact(Azurite)]
    public async Task ExternalClient_CallsPendingOnAKilledSiloFailFast_AndItsGrainsAnswerAgainThroughTheSurvivors()
    {
        await using var cluster = ProcessCluster.Create(output.WriteLine);
        await cluster.RunAsync(async () =>
        {
            var silos = await cluster.StartSilosAsync(3);
            await cluster.WaitUntilAllSeeActiveAsync(silos, silos, TimeSpan.FromSeconds(30));
            await using var counters = await ExternalCounterClient.StartAsync(cluster);
            var client = counters.Client;
            var victim = silos[^1];

            // Counters spread by placement; remember what each acknowledged and where it lived.
            var tracks = Enumerable.Range(0, 18).Select(i => new CounterTrack($"client-{i}")).ToArray();
            foreach (var track in tracks)
            {
                track.Acknowledge(await counters.IncrementAsync(track.Key));
                track.Acknowledge(await counters.IncrementAsync(track.Key));
                track.HomeBeforeKill = await counters.WhereAsync(track.Key);
            }

            var onVictim = tracks.Where(t => t.HomeBeforeKill == victim.AddressText).ToList();
            cluster.Note($"{onVictim.Count} of {tracks.Length} counters on the victim {victim.AddressText}");
            Assert.NotEmpty(onVictim);

            var slow = new List<ISlowGrain>();
            for (var i = 0; slow.Count < 3 && i < 200; i++)
            {
                var grain = client.GetGrain<ISlowGrain>($"client-slow-{i}");
                if (await grain.Sleep(0) == victim.AddressText)
                {
                    slow.Add(grain);
                }
            }

            Assert.Equal(3, slow.Count);
            var pending = slow.Select(g => g.Sleep(120_000)).ToList();
            await Task.Delay(500);

            await cluster.KillAsync(victim);
            var sinceKill = Stopwatch.StartNew();
            foreach (var call in pending)
            {
                var failure = await Record.ExceptionAsync(() => call);
                Assert.NotNull(failure);
                cluster.Note($"pending client call failed after {sinceKill.Elapsed.TotalSeconds:0.0} s: {failure.GetType().Name}");
            }

            Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(10), $"pending calls took {sinceKill.Elapsed.TotalSeconds:0.0} s to fail (the response timeout is 30 s)");

            // Every counter answers again through the client, the victim's from a survivor, with nothing lost.
            var bound = ClusterExpectations.DeathDetection(FailureDetectionProfile.Test) + TimeSpan.FromSeconds(10);
            foreach (var track in tracks)
            {
                await ProcessCluster.WaitUntilAsync(
                    async () =>
                    {
                        try
                        {
                            track.Acknowledge(await counters.IncrementAsync(track.Key));
                            return true;
                        }
                        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                        {
                            track.InDoubt++;
                            track.LastError = e.GetType().Name;
                            return false;
                        }
                    },
                    bound,
                    () => Task.FromResult($"{track.Key} still failing ({track.LastError})"));
            }

            cluster.Note($"all counters answered again {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
            Assert.Equal(SiloStatus.Dead, await cluster.Storage.ReadStatusAsync(victim.Address));
            foreach (var track in tracks)
            {
                var stored = (await cluster.Storage.ReadCounterAsync(track.Key)).Value;
                track.AssertConsistentWith(stored);
                Assert.NotEqual(victim.AddressText, await counters.WhereAsync(track.Key));
            }
        }, TimeSpan.FromMinutes(3));
    }
}
