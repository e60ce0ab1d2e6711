using System.Net;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>
/// Several silos' membership stacks over one <see cref="InMemoryMembershipTable"/> and one
/// <see cref="ManualTimeProvider"/>, with a fake prober and a recording fatal-error handler per silo.
/// </summary>
public sealed class MembershipTestCluster : IAsyncDisposable
{
    private readonly List<TestMember> _members = [];

    public MembershipTestCluster(Action<ClusterMembershipOptions>? configure = null)
    {
        Options = new ClusterMembershipOptions();
        configure?.Invoke(Options);
    }

    public static DateTimeOffset Start { get; } = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Time { get; } = new(Start);

    public InMemoryMembershipTable Table { get; } = new("test");

    public ClusterMembershipOptions Options { get; }

    public static SiloAddress Silo(int port, int generation = 1) => new(new IPEndPoint(IPAddress.Loopback, port), generation);

    public TestMember Add(SiloAddress silo)
    {
        var member = new TestMember(this, silo);
        _members.Add(member);
        return member;
    }

    /// <summary>Every member that has not terminated writes its heartbeat (keeps rows non-stale after time moves).</summary>
    public async Task HeartbeatAll()
    {
        foreach (var member in _members.Where(m => !m.Manager.IsTerminated && m.Manager.CurrentStatus != SiloStatus.Created))
        {
            await member.Manager.UpdateIAmAlive();
        }
    }

    public async Task<MembershipEntry> RowOf(SiloAddress silo) => (await Table.ReadAll()).Find(silo)!.Entry;

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.Agent.DisposeAsync();
            member.Manager.Dispose();
        }
    }

    public sealed class TestMember
    {
        public TestMember(MembershipTestCluster cluster, SiloAddress silo)
        {
            Silo = silo;
            Manager = new MembershipTableManager(
                new TestSiloDetails(silo, "silo" + silo.Endpoint.Port),
                cluster.Table,
                Microsoft.Extensions.Options.Options.Create(cluster.Options),
                Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = "test", GatewayPort = 40000 + (silo.Endpoint.Port % 1000) }),
                FatalErrors,
                cluster.Time);
            Monitor = new ClusterHealthMonitor(Manager, Prober, cluster.Time);
            Cleanup = new MembershipTableCleanupAgent(cluster.Table, Manager, cluster.Time);
            Agent = new MembershipAgent(Manager, Monitor, cluster.Time, Cleanup);
        }

        public SiloAddress Silo { get; }

        public FakeSiloProber Prober { get; } = new();

        public RecordingFatalErrorHandler FatalErrors { get; } = new();

        public MembershipTableManager Manager { get; }

        public ClusterHealthMonitor Monitor { get; }

        public MembershipTableCleanupAgent Cleanup { get; }

        public MembershipAgent Agent { get; }
    }
}
