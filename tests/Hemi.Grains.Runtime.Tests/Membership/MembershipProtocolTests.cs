using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using static Hemi.Grains.Runtime.Tests.Membership.MembershipTestCluster;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>
/// The membership protocol over a fake table and a controllable clock (Orleans' <c>MembershipTableManagerTests</c>,
/// <c>MembershipAgentTests</c>, <c>ClusterHealthMonitorTests</c> shapes): join, votes and their expiry, the last voter
/// declaring death, self-termination, generation supersession and pruning.
/// </summary>
public sealed class MembershipProtocolTests
{
    private static async Task JoinDirectly(TestMember member)
    {
        await member.Manager.Start();
        await member.Manager.UpdateStatus(SiloStatus.Joining);
        await member.Manager.UpdateStatus(SiloStatus.Active);
    }

    [Fact]
    public async Task Join_NewCluster_WritesJoiningThenActiveWithVersionCas()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var seen = new List<ClusterMembershipSnapshot>();
        using var subscription = a.Manager.SubscribeToUpdates(seen.Add);
        Assert.Equal(SiloStatus.Created, a.Manager.CurrentStatus);

        await a.Agent.Join();

        Assert.Equal(SiloStatus.Active, a.Manager.CurrentStatus);
        var table = await cluster.Table.ReadAll();
        Assert.Equal(2, table.Version.Version); // insert as Joining, then CAS to Active
        var row = Assert.Single(table.Members).Entry;
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(Start, row.StartTime);
        Assert.Equal(40111, row.ProxyPort);
        Assert.Equal([0L, 1L, 2L], seen.Select(s => s.Version.Value));
        Assert.Equal(SiloStatus.Joining, seen[1].GetSiloStatus(a.Silo));
        Assert.Equal(SiloStatus.Active, a.Manager.CurrentSnapshot.GetSiloStatus(a.Silo));
        Assert.Empty(a.FatalErrors.Reasons);
    }

    [Fact]
    public async Task Join_SecondSilo_ProbesEveryActiveSiloBeforeBecomingActive()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        await a.Agent.Join();
        await b.Agent.Join();
        await c.Agent.Join();

        Assert.Contains(a.Silo, c.Prober.Probed);
        Assert.Contains(b.Silo, c.Prober.Probed);
        Assert.Contains(a.Silo, b.Prober.Probed);
        Assert.Equal([a.Silo, b.Silo, c.Silo], c.Manager.CurrentSnapshot.GetActiveSilos().OrderBy(s => s.Endpoint.Port));
    }

    [Fact]
    public async Task Join_WithRowOfCrashedProcess_VotesItDeadThenBecomesActive()
    {
        await using var cluster = new MembershipTestCluster(o => o.NumMissedProbesLimit = 1);
        var crashed = cluster.Add(Silo(11111));
        await JoinDirectly(crashed);
        cluster.Time.Advance(TimeSpan.FromMinutes(10)); // its heartbeat is long stale: it is not a live voter

        var b = cluster.Add(Silo(11112));
        b.Prober.MakeUnreachable(crashed.Silo);
        await b.Agent.Join();

        Assert.Equal(SiloStatus.Active, b.Manager.CurrentStatus);
        var row = await cluster.RowOf(crashed.Silo);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal(b.Silo, Assert.Single(row.SuspectTimes).Voter);
    }

    [Fact]
    public async Task Join_ActiveSiloStaysUnreachable_GivesUpAfterMaxJoinAttemptTime()
    {
        await using var cluster = new MembershipTestCluster(o =>
        {
            o.NumMissedProbesLimit = 1;
            o.MaxJoinAttemptTime = TimeSpan.FromSeconds(12);
        });
        var members = new[] { cluster.Add(Silo(11111)), cluster.Add(Silo(11112)), cluster.Add(Silo(11113)) };
        foreach (var m in members)
        {
            await JoinDirectly(m);
        }

        var joiner = cluster.Add(Silo(11114));
        joiner.Prober.MakeUnreachable(members[0].Silo);
        var join = joiner.Agent.Join();
        // One vote of 2 needed cannot kill a live silo; the joiner waits a probe period per attempt, then gives up.
        for (var i = 0; i < 10 && !join.IsCompleted; i++)
        {
            await Eventually.TrueAsync(() => join.IsCompleted || joiner.Prober.Probed.Count(s => s == members[0].Silo) >= 2 * (i + 1), TimeSpan.FromSeconds(5));
            cluster.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => join);
        Assert.Contains(members[0].Silo.ToString(), error.Message);
        Assert.Equal(SiloStatus.Joining, joiner.Manager.CurrentStatus);
        Assert.Equal(SiloStatus.Active, (await cluster.RowOf(members[0].Silo)).Status);
    }

    [Fact]
    public async Task Vote_SingleVoteOfTwoRequired_OnlySuspects()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        foreach (var m in new[] { a, b, c })
        {
            await JoinDirectly(m);
        }

        var versionBefore = (await cluster.Table.ReadAll()).Version.Version;
        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));

        var row = await cluster.RowOf(c.Silo);
        Assert.Equal(SiloStatus.Active, row.Status);
        var vote = Assert.Single(row.SuspectTimes);
        Assert.Equal(a.Silo, vote.Voter);
        Assert.Equal(cluster.Time.GetUtcNow(), vote.Time);
        Assert.Equal(versionBefore + 1, (await cluster.Table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Vote_LastVoterDeclaresDead_AndTheDeadSiloTerminatesItself()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        foreach (var m in new[] { a, b, c })
        {
            await JoinDirectly(m);
        }

        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await b.Manager.TryToSuspectOrKill(c.Silo));

        var row = await cluster.RowOf(c.Silo);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal([a.Silo, b.Silo], row.SuspectTimes.Select(v => v.Voter));
        Assert.Equal(SiloStatus.Dead, b.Manager.CurrentSnapshot.GetSiloStatus(c.Silo));
        Assert.Empty(c.FatalErrors.Reasons);

        // Self-termination: the victim reads itself Dead on its next refresh.
        await c.Manager.Refresh();
        Assert.True(c.Manager.IsTerminated);
        Assert.Equal(SiloStatus.Dead, c.Manager.CurrentStatus);
        Assert.Contains("declared Dead", Assert.Single(c.FatalErrors.Reasons));
        Assert.True(c.Manager.ShutdownToken.IsCancellationRequested);

        // A Dead identity never writes again.
        await Assert.ThrowsAsync<InvalidOperationException>(() => c.Manager.UpdateStatus(SiloStatus.Active));
        await c.Manager.Refresh();
        Assert.Single(c.FatalErrors.Reasons);
    }

    [Fact]
    public async Task Vote_ExpiredVotesDoNotCount()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        foreach (var m in new[] { a, b, c })
        {
            await JoinDirectly(m);
        }

        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));
        cluster.Time.Advance(cluster.Options.DeathVoteExpirationTimeout + TimeSpan.FromSeconds(1));
        await cluster.HeartbeatAll(); // c is alive (only a cannot reach it): three live voters, two votes needed

        Assert.True(await b.Manager.TryToSuspectOrKill(c.Silo));
        var row = await cluster.RowOf(c.Silo);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(b.Silo, Assert.Single(row.SuspectTimes).Voter); // a's expired vote was dropped

        cluster.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));
        row = await cluster.RowOf(c.Silo);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal([b.Silo, a.Silo], row.SuspectTimes.Select(v => v.Voter));
    }

    [Fact]
    public async Task Vote_RepeatedVoteOfOneSilo_CountsOnce()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        var c = cluster.Add(Silo(11113));
        foreach (var m in new[] { a, b, c })
        {
            await JoinDirectly(m);
        }

        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));
        cluster.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await a.Manager.TryToSuspectOrKill(c.Silo));
        var row = await cluster.RowOf(c.Silo);
        Assert.Equal(SiloStatus.Active, row.Status);
        var vote = Assert.Single(row.SuspectTimes);
        Assert.Equal(cluster.Time.GetUtcNow(), vote.Time); // refreshed, not duplicated
    }

    [Fact]
    public async Task Vote_InTwoSiloCluster_OneVoteSuffices()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        await JoinDirectly(a);
        await JoinDirectly(b);

        // required = min(2, (2 live + 1) / 2) = 1: tiny clusters can still make progress.
        Assert.True(await a.Manager.TryToSuspectOrKill(b.Silo));
        Assert.Equal(SiloStatus.Dead, (await cluster.RowOf(b.Silo)).Status);
    }

    [Fact]
    public async Task Vote_ConcurrentVotersFromOneRead_OnlyOneWritePerVersion()
    {
        await using var cluster = new MembershipTestCluster(o => o.NumVotesForDeathDeclaration = 3);
        var members = Enumerable.Range(0, 6).Select(i => cluster.Add(Silo(11111 + i))).ToList();
        foreach (var m in members)
        {
            await JoinDirectly(m);
        }

        var target = members[5];
        var results = await Task.WhenAll(members.Take(5).Select(m => Task.Run(() => m.Manager.TryToSuspectOrKill(target.Silo))));
        // Each success is one CAS on a distinct version, so the row holds exactly as many votes as there were successes (capped at 3).
        var row = await cluster.RowOf(target.Silo);
        int successes = results.Count(r => r);
        Assert.InRange(successes, 1, 5);
        Assert.Equal(Math.Min(3, successes), row.SuspectTimes.Count);
        Assert.Equal(successes >= 3 ? SiloStatus.Dead : SiloStatus.Active, row.Status);
    }

    [Fact]
    public async Task SelfTermination_RowDeclaredDeadAfterJoining_CallsFatalHandlerOnce()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        await JoinDirectly(a);
        await JoinDirectly(b);
        Assert.True(await a.Manager.TryKill(b.Silo));

        await b.Manager.UpdateIAmAlive(); // a heartbeat is not a read: no decision yet
        Assert.False(b.Manager.IsTerminated);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => b.Manager.UpdateStatus(SiloStatus.Active));
        Assert.True(b.Manager.IsTerminated);
        Assert.Single(b.FatalErrors.Reasons);
        Assert.Equal(SiloStatus.Dead, (await cluster.RowOf(b.Silo)).Status);
    }

    [Fact]
    public async Task SelfTermination_DeclaredDeadDuringShutdown_DoesNotCallFatalHandler()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        await JoinDirectly(a);
        await JoinDirectly(b);

        await b.Agent.BeginShutdown(graceful: true);
        Assert.Equal(SiloStatus.ShuttingDown, (await cluster.RowOf(b.Silo)).Status);
        Assert.True(await a.Manager.TryKill(b.Silo));
        await b.Manager.Refresh();
        await b.Agent.CompleteShutdown();

        Assert.Empty(b.FatalErrors.Reasons);
        Assert.Equal(SiloStatus.Dead, b.Manager.CurrentStatus);
    }

    [Fact]
    public async Task Shutdown_Graceful_WritesShuttingDownThenDead()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        await a.Agent.Join();
        await a.Agent.BeginShutdown(graceful: true);
        Assert.Equal(SiloStatus.ShuttingDown, (await cluster.RowOf(a.Silo)).Status);
        await a.Agent.CompleteShutdown();
        Assert.Equal(SiloStatus.Dead, (await cluster.RowOf(a.Silo)).Status);
        Assert.Equal(4, (await cluster.Table.ReadAll()).Version.Version);
        Assert.Empty(a.FatalErrors.Reasons);
    }

    [Fact]
    public async Task Shutdown_OfASiloWhoseDeadRowWasPruned_DoesNotResurrectIt()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var b = cluster.Add(Silo(11112));
        await JoinDirectly(a);
        await JoinDirectly(b);
        Assert.True(await a.Manager.TryKill(b.Silo));
        cluster.Time.Advance(TimeSpan.FromDays(8));
        await a.Manager.UpdateIAmAlive();
        await a.Cleanup.CleanupDefunctEntries();
        Assert.Null((await cluster.Table.ReadAll()).Find(b.Silo));

        // b never noticed; its shutdown must not insert a fresh row for a pruned identity.
        await b.Agent.BeginShutdown(graceful: true);
        await b.Agent.CompleteShutdown();
        Assert.Null((await cluster.Table.ReadAll()).Find(b.Silo));
        Assert.Equal(SiloStatus.Dead, b.Manager.CurrentStatus);
    }

    [Fact]
    public async Task SelfTermination_OwnRowMissing_Terminates()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        await JoinDirectly(a);
        await cluster.Table.DeleteMembershipTableEntries("test");
        await a.Manager.Refresh();
        Assert.True(a.Manager.IsTerminated);
        Assert.Contains("missing", Assert.Single(a.FatalErrors.Reasons));
    }

    [Fact]
    public async Task Supersession_NewGenerationDeclaresOlderGenerationDead_AndTheOldOneTerminates()
    {
        await using var cluster = new MembershipTestCluster();
        var other = cluster.Add(Silo(11110));
        var old = cluster.Add(Silo(11111, generation: 100));
        await JoinDirectly(other);
        await JoinDirectly(old);

        var restarted = cluster.Add(Silo(11111, generation: 200));
        await restarted.Agent.Join();

        Assert.Equal(SiloStatus.Dead, (await cluster.RowOf(old.Silo)).Status);
        Assert.Equal(SiloStatus.Active, (await cluster.RowOf(restarted.Silo)).Status);
        await other.Manager.Refresh();
        Assert.Equal(SiloStatus.Dead, other.Manager.CurrentSnapshot.GetSiloStatus(old.Silo));
        Assert.DoesNotContain(old.Silo, other.Manager.CurrentSnapshot.GetActiveSilos());

        await old.Manager.Refresh();
        Assert.True(old.Manager.IsTerminated);
        Assert.Single(old.FatalErrors.Reasons);
        Assert.Empty(restarted.FatalErrors.Reasons);
    }

    [Fact]
    public async Task Supersession_StartingProcessFindsNewerGeneration_TerminatesWithoutJoining()
    {
        await using var cluster = new MembershipTestCluster();
        var newer = cluster.Add(Silo(11111, generation: 200));
        await JoinDirectly(newer);

        var stale = cluster.Add(Silo(11111, generation: 100));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => stale.Agent.Join());
        Assert.Contains("newer generation", Assert.Single(stale.FatalErrors.Reasons));
        Assert.Null((await cluster.Table.ReadAll()).Find(stale.Silo));
        Assert.Equal(SiloStatus.Active, (await cluster.RowOf(newer.Silo)).Status);
    }

    [Fact]
    public async Task Supersession_SnapshotReportsOlderGenerationDeadEvenIfItsRowSaysActive()
    {
        var table = new InMemoryMembershipTable("x");
        await table.InitializeMembershipTable(true);
        var oldGen = Silo(11111, 1);
        var newGen = Silo(11111, 2);
        Assert.True(await table.InsertRow(new MembershipEntry { SiloAddress = oldGen, Status = SiloStatus.Active }, (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(new MembershipEntry { SiloAddress = newGen, Status = SiloStatus.Joining }, (await table.ReadAll()).Version.Next()));
        var snapshot = ClusterMembershipSnapshot.FromTable(await table.ReadAll());
        Assert.Equal(SiloStatus.Dead, snapshot.GetSiloStatus(oldGen));
        Assert.Equal(SiloStatus.Joining, snapshot.GetSiloStatus(newGen));
        Assert.Empty(snapshot.GetActiveSilos());
    }

    [Fact]
    public async Task Pruning_RemovesDeadRowsPastExpirationAndBeyondTheCap()
    {
        await using var cluster = new MembershipTestCluster(o =>
        {
            o.DefunctSiloExpiration = TimeSpan.FromDays(7);
            o.MaxDefunctSiloEntries = 2;
        });
        var live = cluster.Add(Silo(11110));
        await JoinDirectly(live);
        var dead = new List<SiloAddress>();
        for (var i = 0; i < 4; i++)
        {
            var m = cluster.Add(Silo(11111 + i));
            await JoinDirectly(m);
            dead.Add(m.Silo);
            Assert.True(await live.Manager.TryKill(m.Silo));
            cluster.Time.Advance(TimeSpan.FromHours(1));
        }

        await live.Manager.UpdateIAmAlive();
        var versionBefore = (await cluster.Table.ReadAll()).Version.Version;
        await live.Cleanup.CleanupDefunctEntries();
        var after = await cluster.Table.ReadAll();
        // The two most recently active dead rows are kept (cap 2); live rows are never pruned.
        Assert.Equal(new[] { live.Silo, dead[2], dead[3] }.OrderBy(s => s.Endpoint.Port), after.Members.Select(r => r.Entry.SiloAddress).OrderBy(s => s.Endpoint.Port));
        Assert.Equal(versionBefore, after.Version.Version);

        cluster.Time.Advance(TimeSpan.FromDays(8));
        await live.Manager.UpdateIAmAlive();
        await live.Cleanup.CleanupDefunctEntries();
        Assert.Equal(live.Silo, Assert.Single((await cluster.Table.ReadAll()).Members).Entry.SiloAddress);
    }

    [Fact]
    public void Pruning_Cutoff_IsExpirationWhenUnderTheCap()
    {
        var options = new ClusterMembershipOptions { DefunctSiloExpiration = TimeSpan.FromDays(1), MaxDefunctSiloEntries = 5 };
        var now = Start.AddDays(10);
        var rows = Enumerable.Range(0, 3).Select(i => new MembershipTableRow(
            new MembershipEntry { SiloAddress = Silo(1000 + i), Status = SiloStatus.Dead, IAmAliveTime = Start.AddDays(i) }, "e" + i)).ToList();
        var cutoff = MembershipTableCleanupAgent.ComputeCutoff(new MembershipTableData(rows, new TableVersion(3, "v")), now, options);
        Assert.Equal(now.AddDays(-1), cutoff);
    }

    [Fact]
    public async Task HealthMonitor_VotesOnlyAfterTheMissedProbeLimit_AndASuccessResetsTheCount()
    {
        await using var cluster = new MembershipTestCluster(o => o.NumMissedProbesLimit = 3);
        var members = Enumerable.Range(0, 3).Select(i => cluster.Add(Silo(11111 + i))).ToList();
        foreach (var m in members)
        {
            await JoinDirectly(m);
        }

        var monitor = members[0];
        var target = members[1].Silo;
        monitor.Prober.MakeUnreachable(target);
        await monitor.Manager.Refresh();
        Assert.Contains(target, monitor.Monitor.GetMonitoredSilos());

        await monitor.Monitor.ProbeMonitoredSilos();
        await monitor.Monitor.ProbeMonitoredSilos();
        Assert.Equal(2, monitor.Monitor.MissedProbes[target]);
        Assert.Empty((await cluster.RowOf(target)).SuspectTimes);

        monitor.Prober.MakeReachable(target);
        await monitor.Monitor.ProbeMonitoredSilos();
        Assert.False(monitor.Monitor.MissedProbes.ContainsKey(target));

        monitor.Prober.MakeUnreachable(target);
        for (var i = 0; i < 3; i++)
        {
            await monitor.Monitor.ProbeMonitoredSilos();
        }

        Assert.Equal(monitor.Silo, Assert.Single((await cluster.RowOf(target)).SuspectTimes).Voter);
    }

    [Fact]
    public async Task HealthMonitor_ProbesRingSuccessorsPlusSuspectedAndStaleSilos()
    {
        await using var cluster = new MembershipTestCluster(o => o.NumProbedSilos = 1);
        var members = Enumerable.Range(0, 5).Select(i => cluster.Add(Silo(11111 + i))).ToList();
        foreach (var m in members)
        {
            await JoinDirectly(m);
        }

        var me = members[0];
        await me.Manager.Refresh();
        var monitored = me.Monitor.GetMonitoredSilos();
        var successor = Assert.Single(monitored);
        Assert.NotEqual(me.Silo, successor);

        var suspect = members.Select(m => m.Silo).First(s => s != me.Silo && s != successor);
        Assert.True(await members.First(m => m.Silo != suspect && m.Silo != me.Silo).Manager.TryToSuspectOrKill(suspect));
        await me.Manager.Refresh();
        Assert.Equal(new[] { successor, suspect }.OrderBy(s => s.ToString(), StringComparer.Ordinal), me.Monitor.GetMonitoredSilos());

        // Everybody goes stale except me: all of them are watched.
        cluster.Time.Advance(cluster.Options.AllowedIAmAliveMissPeriod + TimeSpan.FromSeconds(1));
        await me.Manager.UpdateIAmAlive();
        Assert.Equal(4, me.Monitor.GetMonitoredSilos().Count);
    }

    [Fact]
    public async Task HealthMonitor_ProbeThatNeverAnswers_TimesOutOnTheInjectedClock()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        var hanging = new HangingProber();
        var monitor = new ClusterHealthMonitor(a.Manager, hanging, cluster.Time);
        var probe = monitor.ProbeOne(Silo(22222));
        await Eventually.TrueAsync(() => hanging.Started);
        Assert.False(probe.IsCompleted);
        cluster.Time.Advance(cluster.Options.ProbeTimeout);
        Assert.False(await probe.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(hanging.Cancelled);
    }

    [Fact]
    public async Task Agent_PublishesIAmAliveOnThePeriod()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Add(Silo(11111));
        await a.Agent.Join();
        var joinedAt = (await cluster.RowOf(a.Silo)).IAmAliveTime;
        cluster.Time.Advance(cluster.Options.IAmAliveTablePublishTimeout);
        var expected = joinedAt + cluster.Options.IAmAliveTablePublishTimeout;
        Assert.True(await Eventually.TrueAsync(() => cluster.Table.ReadAll().Result.Find(a.Silo)!.Entry.IAmAliveTime == expected));
        Assert.Equal(2, (await cluster.Table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Snapshots_AreDeliveredInStrictlyIncreasingVersionOrder()
    {
        await using var cluster = new MembershipTestCluster();
        var observer = cluster.Add(Silo(11100));
        await JoinDirectly(observer);
        var versions = new List<long>();
        using var subscription = observer.Manager.SubscribeToUpdates(s => { lock (versions) { versions.Add(s.Version.Value); } });
        var updates = observer.Manager.MembershipUpdates.GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(observer.Manager.CurrentSnapshot.Version, updates.Current.Version);

        var others = Enumerable.Range(0, 4).Select(i => cluster.Add(Silo(11200 + i))).ToList();
        await Task.WhenAll(others.Select(m => Task.Run(() => JoinDirectly(m))));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => observer.Manager.Refresh())));
        await observer.Manager.Refresh();

        Assert.Equal(versions.OrderBy(v => v).Distinct(), versions);
        Assert.Equal((await cluster.Table.ReadAll()).Version.Version, versions[^1]);
        Assert.True(await updates.MoveNextAsync());
        Assert.True(updates.Current.Version > new MembershipVersion(2));
        await updates.DisposeAsync();
    }

    [Fact]
    public void StatusTransitions_OnlyMoveForwardAndDeadIsTerminal()
    {
        Assert.True(SiloStatus.Created.CanTransitionTo(SiloStatus.Joining));
        Assert.True(SiloStatus.Joining.CanTransitionTo(SiloStatus.Active));
        Assert.True(SiloStatus.Active.CanTransitionTo(SiloStatus.ShuttingDown));
        Assert.True(SiloStatus.ShuttingDown.CanTransitionTo(SiloStatus.Dead));
        Assert.False(SiloStatus.Active.CanTransitionTo(SiloStatus.Joining));
        Assert.False(SiloStatus.ShuttingDown.CanTransitionTo(SiloStatus.Stopping));
        Assert.False(SiloStatus.Dead.CanTransitionTo(SiloStatus.Active));
        Assert.True(SiloStatus.Dead.CanTransitionTo(SiloStatus.Dead));
    }

    [Fact]
    public void KnownDead_AbsentFromANewerViewOrDeadOrSuperseded_UnknownIsNot()
    {
        var alive = Silo(1);
        var dead = Silo(2);
        var superseded = Silo(3, 1);
        var members = new Dictionary<SiloAddress, ClusterMember>
        {
            [alive] = new(alive, SiloStatus.Active, "a", 0),
            [dead] = new(dead, SiloStatus.Dead, "d", 0),
            [superseded] = new(superseded, SiloStatus.Active, "s", 0),
            [Silo(3, 2)] = new(Silo(3, 2), SiloStatus.Active, "s2", 0),
        };
        var view = new ClusterMembershipSnapshot(members, new MembershipVersion(10));
        Assert.False(view.IsKnownDead(alive, new MembershipVersion(9)));
        Assert.True(view.IsKnownDead(dead, new MembershipVersion(11)));
        Assert.True(view.IsKnownDead(superseded, new MembershipVersion(11)));
        Assert.True(view.IsKnownDead(Silo(4), new MembershipVersion(9)));   // pruned since it was seen
        Assert.False(view.IsKnownDead(Silo(4), new MembershipVersion(10))); // recorded at this view: not evidence
        Assert.False(view.IsKnownDead(Silo(4), new MembershipVersion(12))); // we are behind
        Assert.False(view.IsKnownDead(Silo(4), MembershipVersion.MinValue)); // no evidence it was ever seen
        Assert.True(view.IsKnownDead(dead, MembershipVersion.MinValue));
    }

    private sealed class HangingProber : ISiloProber
    {
        public volatile bool Started;
        public volatile bool Cancelled;

        public Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken)
        {
            Started = true;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => { Cancelled = true; tcs.TrySetCanceled(); });
            return tcs.Task;
        }
    }
}
