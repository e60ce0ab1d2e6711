using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Membership;
using static Hemi.Grains.Runtime.Tests.Membership.MembershipTestCluster;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>
/// Random sequences of joins, votes, kills, heartbeats, refreshes, shutdowns, clean-ups and clock moves over five
/// silos (one a restarted generation of another), checking the membership invariants after every step:
/// the version never goes back, Dead is terminal, a terminated silo never writes a live status again, a silo that
/// read itself Dead has terminated, an older generation is dead once its successor started, and every subscriber
/// sees strictly increasing views (I3, I4).
/// </summary>
public sealed class MembershipInvariantPropertyTests
{
    private enum OpKind
    {
        Join,
        Vote,
        Kill,
        Heartbeat,
        Refresh,
        Shutdown,
        Cleanup,
        Advance,
    }

    private sealed record Op(OpKind Kind, int Actor, int Target, int Seconds);

    private static readonly SiloAddress[] Silos = [Silo(1001), Silo(1002), Silo(1003), Silo(1004), Silo(1001, generation: 2)];

    [Fact]
    public void RandomOperationSequences_KeepTheMembershipInvariants()
    {
        var op =
            from kind in Gen.Elements(Enum.GetValues<OpKind>())
            from actor in Gen.Choose(0, Silos.Length - 1)
            from target in Gen.Choose(0, Silos.Length - 1)
            from seconds in Gen.Elements(1, 10, 45, 100, 200, 86_400 * 8)
            select new Op(kind, actor, target, seconds);
        var ops = from n in Gen.Choose(1, 40) from list in Gen.ListOf(op, n) select list.ToList();
        Prop.ForAll(ops.ToArbitrary(), sequence => Task.Run(() => Run(sequence)).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static async Task<bool> Run(List<Op> sequence)
    {
        await using var cluster = new MembershipTestCluster(o =>
        {
            o.NumMissedProbesLimit = 1;
            o.MaxDefunctSiloEntries = 1;
        });
        var members = Silos.Select(cluster.Add).ToArray();
        var observed = members.Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < members.Length; i++)
        {
            var list = observed[i];
            members[i].Manager.SubscribeToUpdates(s => { lock (list) { list.Add(s.Version.Value); } });
        }

        var lastVersion = -1;
        var lastStatus = new Dictionary<SiloAddress, SiloStatus>();
        var everPruned = new HashSet<SiloAddress>();
        var statusAtTermination = new Dictionary<SiloAddress, SiloStatus?>();

        foreach (var op in sequence)
        {
            var actor = members[op.Actor];
            var target = members[op.Target];
            try
            {
                switch (op.Kind)
                {
                    case OpKind.Join when actor.Manager.CurrentStatus == SiloStatus.Created && !actor.Manager.IsTerminated:
                        await actor.Manager.Start();
                        await actor.Manager.UpdateStatus(SiloStatus.Joining);
                        await actor.Manager.UpdateStatus(SiloStatus.Active);
                        break;
                    case OpKind.Vote:
                        await actor.Manager.TryToSuspectOrKill(target.Silo);
                        break;
                    case OpKind.Kill:
                        await actor.Manager.TryKill(target.Silo);
                        break;
                    case OpKind.Heartbeat:
                        await actor.Manager.UpdateIAmAlive();
                        break;
                    case OpKind.Refresh:
                        await actor.Manager.Refresh();
                        break;
                    case OpKind.Shutdown:
                        await actor.Agent.BeginShutdown(graceful: true);
                        await actor.Agent.CompleteShutdown();
                        break;
                    case OpKind.Cleanup:
                        await actor.Cleanup.CleanupDefunctEntries();
                        break;
                    case OpKind.Advance:
                        cluster.Time.Advance(TimeSpan.FromSeconds(op.Seconds));
                        break;
                }
            }
            catch (Exception e) when (e is SiloUnavailableException or InvalidOperationException)
            {
                // Expected for silos that are dead, superseded or already past the requested status.
            }

            var table = await cluster.Table.ReadAll();
            Check(table.Version.Version >= lastVersion, $"version went back to {table.Version.Version} after {op}");
            lastVersion = table.Version.Version;

            foreach (var member in members)
            {
                var row = table.Find(member.Silo);
                if (row is null)
                {
                    if (lastStatus.ContainsKey(member.Silo))
                    {
                        Check(lastStatus[member.Silo] == SiloStatus.Dead, $"{member.Silo} was pruned while {lastStatus[member.Silo]} after {op}");
                        everPruned.Add(member.Silo);
                        lastStatus.Remove(member.Silo);
                    }

                    continue;
                }

                Check(!everPruned.Contains(member.Silo), $"{member.Silo} reappeared after pruning ({op})");
                if (lastStatus.TryGetValue(member.Silo, out var previous))
                {
                    Check(previous.CanTransitionTo(row.Entry.Status), $"{member.Silo} went {previous} -> {row.Entry.Status} after {op}");
                }

                lastStatus[member.Silo] = row.Entry.Status;

                if (member.Manager.IsTerminated)
                {
                    if (!statusAtTermination.TryGetValue(member.Silo, out var atTermination))
                    {
                        statusAtTermination[member.Silo] = row.Entry.Status;
                    }
                    else
                    {
                        Check(row.Entry.Status == atTermination || row.Entry.Status == SiloStatus.Dead, $"terminated {member.Silo} wrote {row.Entry.Status} ({op})");
                    }
                }
            }

            if (op.Kind == OpKind.Refresh && table.Find(actor.Silo) is { Entry.Status: SiloStatus.Dead })
            {
                Check(actor.Manager.IsTerminated, $"{actor.Silo} read itself Dead and kept running ({op})");
            }

            if (table.Find(Silos[4]) is not null && table.Find(Silos[0]) is { } old)
            {
                Check(old.Entry.Status == SiloStatus.Dead, $"older generation {Silos[0]} is {old.Entry.Status} next to its successor ({op})");
                if (op.Kind == OpKind.Refresh && op.Actor == 0)
                {
                    Check(members[0].Manager.IsTerminated, $"older generation kept running after reading its successor ({op})");
                }
            }
        }

        foreach (var list in observed)
        {
            lock (list)
            {
                for (var i = 1; i < list.Count; i++)
                {
                    Check(list[i] > list[i - 1], $"views delivered out of order: {string.Join(",", list)}");
                }
            }
        }

        return true;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
