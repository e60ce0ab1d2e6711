using System.Net;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob.Tests.Membership;

/// <summary>
/// The membership table conformance suite (the cases of Orleans' <c>MembershipTableTestsBase</c>), run against
/// every provider in <see cref="MembershipTableProviders"/>. Each case uses its own cluster id.
/// </summary>
public sealed class MembershipTableConformanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static int s_nextPort = 20000;

    public static TheoryData<string> Providers => MembershipTableProviders.All;

    private static SiloAddress NewSilo(int generation = 1) =>
        new(new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_nextPort)), generation);

    private static MembershipEntry NewEntry(SiloAddress silo, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = silo,
        Status = status,
        HostName = "host-" + silo.Endpoint.Port,
        SiloName = "silo-" + silo.Endpoint.Port,
        ProxyPort = 30000,
        StartTime = T0,
        IAmAliveTime = T0,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadAll_EmptyTable_HasNoRowsAndVersionZero(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var data = await table.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Initialize_Twice_KeepsExistingRowsAndVersion(string provider)
    {
        var cluster = "c" + Guid.NewGuid().ToString("N")[..12];
        var table = await MembershipTableProviders.CreateAsync(provider, cluster);
        var v0 = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), v0.Next()));
        await table.InitializeMembershipTable(true);
        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_ThenReadRow_RoundTripsEveryField(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo(7);
        var voter = NewSilo(3);
        var entry = NewEntry(silo) with { SuspectTimes = [new SuspectVote(voter, T0.AddSeconds(5))], Status = SiloStatus.Active };
        var v0 = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(entry, v0.Next()));

        var data = await table.ReadRow(silo);
        var row = Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(v0.VersionEtag, data.Version.VersionEtag);
        Assert.False(string.IsNullOrEmpty(row.ETag));
        var read = row.Entry;
        Assert.Equal(silo, read.SiloAddress);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(entry.HostName, read.HostName);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(30000, read.ProxyPort);
        Assert.Equal(T0, read.StartTime);
        Assert.Equal(T0, read.IAmAliveTime);
        var vote = Assert.Single(read.SuspectTimes);
        Assert.Equal(voter, vote.Voter);
        Assert.Equal(T0.AddSeconds(5), vote.Time);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadRow_UnknownSilo_GivesNoRowButTheVersion(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), (await table.ReadAll()).Version.Next()));
        var data = await table.ReadRow(NewSilo());
        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReadAll_AfterInserts_ReturnsEveryRowWithDistinctETags(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silos = Enumerable.Range(0, 5).Select(_ => NewSilo()).ToList();
        foreach (var silo in silos)
        {
            Assert.True(await table.InsertRow(NewEntry(silo), (await table.ReadAll()).Version.Next()));
        }

        var data = await table.ReadAll();
        Assert.Equal(5, data.Version.Version);
        Assert.Equal(silos.OrderBy(s => s.Endpoint.Port), data.Members.Select(r => r.Entry.SiloAddress).OrderBy(s => s.Endpoint.Port));
        Assert.Equal(5, data.Members.Select(r => r.ETag).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_Duplicate_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo), (await table.ReadAll()).Version.Next()));
        Assert.False(await table.InsertRow(NewEntry(silo, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        var data = await table.ReadAll();
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Entry.Status);
        Assert.Equal(1, data.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_WithStaleVersionETag_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var stale = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), stale.Next()));
        Assert.False(await table.InsertRow(NewEntry(NewSilo()), stale.Next()));
        Assert.False(await table.InsertRow(NewEntry(NewSilo()), stale.Next().Next()));
        Assert.Single((await table.ReadAll()).Members);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_WithoutAdvancingTheVersion_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var current = (await table.ReadAll()).Version;
        Assert.False(await table.InsertRow(NewEntry(NewSilo()), current));
        Assert.Empty((await table.ReadAll()).Members);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_BeforeInitialization_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider, initialize: false);
        var data = await table.ReadAll();
        Assert.Empty(data.Members);
        Assert.False(await table.InsertRow(NewEntry(NewSilo()), data.Version.Next()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_WithCurrentETags_ReplacesTheRowAndAdvancesTheVersion(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadRow(silo);
        var row = Assert.Single(read.Members);
        var voter = NewSilo();
        var updated = row.Entry with { Status = SiloStatus.Active, SuspectTimes = [new SuspectVote(voter, T0.AddMinutes(1))] };
        Assert.True(await table.UpdateRow(updated, row.ETag, read.Version.Next()));

        var after = await table.ReadRow(silo);
        var newRow = Assert.Single(after.Members);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, newRow.Entry.Status);
        Assert.Equal(voter, Assert.Single(newRow.Entry.SuspectTimes).Voter);
        Assert.NotEqual(row.ETag, newRow.ETag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_CorrectRowETagButStaleVersion_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var a = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(a), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        var rowA = read.Find(a)!;
        // Another silo's insert moves the version on; A's row ETag is still current.
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), read.Version.Next()));
        Assert.False(await table.UpdateRow(rowA.Entry with { Status = SiloStatus.Active }, rowA.ETag, read.Version.Next()));
        Assert.Equal(SiloStatus.Joining, (await table.ReadAll()).Find(a)!.Entry.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_ReusedOldRowETag_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo), (await table.ReadAll()).Version.Next()));
        var first = await table.ReadAll();
        var oldRow = first.Find(silo)!;
        Assert.True(await table.UpdateRow(oldRow.Entry with { Status = SiloStatus.Active }, oldRow.ETag, first.Version.Next()));
        var second = await table.ReadAll();
        Assert.False(await table.UpdateRow(oldRow.Entry with { Status = SiloStatus.Dead }, oldRow.ETag, second.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await table.ReadAll()).Find(silo)!.Entry.Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_MissingRow_IsRejected(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var data = await table.ReadAll();
        Assert.False(await table.UpdateRow(NewEntry(NewSilo()), "1", data.Version.Next()));
        Assert.Equal(0, (await table.ReadAll()).Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InsertRow_TwentyParallelInsertsOfOneRow_ExactlyOneWins(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        var version = (await table.ReadAll()).Version;
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => table.InsertRow(NewEntry(silo) with { SiloName = "w" + i }, version.Next()))));
        Assert.Equal(1, results.Count(r => r));
        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_ConcurrentWritersOfOneRead_ExactlyOneWins(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        var row = read.Find(silo)!;
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => table.UpdateRow(row.Entry with { SiloName = "writer" + i }, row.ETag, read.Version.Next()))));
        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadAll();
        Assert.Equal(2, after.Version.Version);
        Assert.Equal("writer" + Array.IndexOf(results, true), after.Find(silo)!.Entry.SiloName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateRow_ParallelReadModifyWriteLoops_EveryUpdateCountsOnce(string provider)
    {
        // Orleans' "19 read-modify-write loops end at version 20", with the loops racing each other.
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo) with { ProxyPort = 0 }, (await table.ReadAll()).Version.Next()));
        var observed = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 19).Select(_ => Task.Run(async () =>
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var data = await table.ReadAll();
                var row = data.Find(silo)!;
                var next = data.Version.Next();
                if (await table.UpdateRow(row.Entry with { ProxyPort = row.Entry.ProxyPort + 1 }, row.ETag, next))
                {
                    observed.Add(next.Version);
                    return;
                }
            }

            throw new InvalidOperationException("No progress.");
        })));
        var final = await table.ReadAll();
        Assert.Equal(20, final.Version.Version);
        Assert.Equal(19, final.Find(silo)!.Entry.ProxyPort);
        Assert.Equal(Enumerable.Range(2, 19), observed.OrderBy(v => v));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateIAmAlive_ChangesOnlyTheHeartbeatAndNotTheVersion(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        await table.UpdateIAmAlive(NewEntry(silo, SiloStatus.Dead) with { IAmAliveTime = T0.AddMinutes(3), SiloName = "ignored" });
        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        var entry = after.Find(silo)!.Entry;
        Assert.Equal(T0.AddMinutes(3), entry.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal("silo-" + silo.Endpoint.Port, entry.SiloName);
        Assert.Equal(T0, entry.StartTime);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateIAmAlive_DoesNotBreakALaterStatusUpdateOfTheSameRead(string provider)
    {
        // A status update after a heartbeat must still work with a fresh read, and must not move the heartbeat back.
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silo = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(silo, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        await table.UpdateIAmAlive(NewEntry(silo) with { IAmAliveTime = T0.AddMinutes(5) });
        var read = await table.ReadAll();
        var row = read.Find(silo)!;
        Assert.True(await table.UpdateRow(row.Entry with { Status = SiloStatus.ShuttingDown, IAmAliveTime = T0 }, row.ETag, read.Version.Next()));
        var entry = (await table.ReadAll()).Find(silo)!.Entry;
        Assert.Equal(SiloStatus.ShuttingDown, entry.Status);
        Assert.Equal(T0.AddMinutes(5), entry.IAmAliveTime);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyOldDeadRowsAndKeepsTheVersion(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var oldDead = NewSilo();
        var recentDead = NewSilo();
        var oldActive = NewSilo();
        var deadButHeartbeating = NewSilo();
        foreach (var (silo, status, alive) in new[]
                 {
                     (oldDead, SiloStatus.Dead, T0),
                     (recentDead, SiloStatus.Dead, T0.AddDays(2)),
                     (oldActive, SiloStatus.Active, T0),
                     (deadButHeartbeating, SiloStatus.Dead, T0),
                 })
        {
            Assert.True(await table.InsertRow(NewEntry(silo, status) with { IAmAliveTime = alive }, (await table.ReadAll()).Version.Next()));
        }

        await table.UpdateIAmAlive(NewEntry(deadButHeartbeating) with { IAmAliveTime = T0.AddDays(3) });
        var before = await table.ReadAll();
        await table.CleanupDefunctSiloEntries(T0.AddDays(1));
        var after = await table.ReadAll();
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(
            new[] { recentDead, oldActive, deadButHeartbeating }.OrderBy(s => s.Endpoint.Port),
            after.Members.Select(r => r.Entry.SiloAddress).OrderBy(s => s.Endpoint.Port));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CleanupDefunctSiloEntries_ThenWritersRereadAndSucceed(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var live = NewSilo();
        Assert.True(await table.InsertRow(NewEntry(NewSilo(), SiloStatus.Dead), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(NewEntry(live), (await table.ReadAll()).Version.Next()));
        await table.CleanupDefunctSiloEntries(T0.AddDays(1));
        var read = await table.ReadAll();
        var row = Assert.Single(read.Members);
        Assert.True(await table.UpdateRow(row.Entry with { Status = SiloStatus.Active }, row.ETag, read.Version.Next()));
        Assert.Equal(3, (await table.ReadAll()).Version.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteMembershipTableEntries_RemovesTheClusterOnly(string provider)
    {
        var cluster = "c" + Guid.NewGuid().ToString("N")[..12];
        var table = await MembershipTableProviders.CreateAsync(provider, cluster);
        var other = await MembershipTableProviders.CreateAsync(provider);
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(NewEntry(NewSilo()), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries(cluster);
        Assert.Empty((await table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);

        await table.InitializeMembershipTable(true);
        var fresh = await table.ReadAll();
        Assert.Equal(0, fresh.Version.Version);
        Assert.True(await table.InsertRow(NewEntry(NewSilo()), fresh.Version.Next()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Versions_UnderConcurrentWritersOfDifferentRows_AreTotallyOrdered(string provider)
    {
        var table = await MembershipTableProviders.CreateAsync(provider);
        var silos = Enumerable.Range(0, 4).Select(_ => NewSilo()).ToList();
        var committed = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(silos.Select(silo => Task.Run(async () =>
        {
            var inserted = false;
            var updates = 0;
            for (var attempt = 0; attempt < 1000 && updates < 3; attempt++)
            {
                var data = await table.ReadAll();
                var next = data.Version.Next();
                bool ok;
                if (!inserted)
                {
                    ok = inserted = await table.InsertRow(NewEntry(silo), next);
                }
                else
                {
                    var row = data.Find(silo)!;
                    ok = await table.UpdateRow(row.Entry with { ProxyPort = updates + 1 }, row.ETag, next);
                    updates += ok ? 1 : 0;
                }

                if (ok)
                {
                    committed.Add(next.Version);
                }
            }
        })));

        // 4 inserts + 12 updates, each commit a distinct version: 1..16 with no gap and no duplicate.
        Assert.Equal(Enumerable.Range(1, 16), committed.OrderBy(v => v));
        var final = await table.ReadAll();
        Assert.Equal(16, final.Version.Version);
        Assert.All(final.Members, r => Assert.Equal(3, r.Entry.ProxyPort));
    }
}
