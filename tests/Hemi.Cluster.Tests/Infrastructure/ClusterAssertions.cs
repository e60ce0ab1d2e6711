using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>Waits on what silos and the stored table say about membership.</summary>
public static class ClusterAssertions
{
    /// <summary>Waits until every silo in <paramref name="observers"/> sees each of <paramref name="expected"/> Active, and the table agrees.</summary>
    public static Task<TimeSpan> WaitUntilAllSeeActiveAsync(this ProcessCluster cluster, IReadOnlyList<SiloProcess> observers, IReadOnlyList<SiloProcess> expected, TimeSpan timeout) =>
        cluster.WaitUntilStatusAsync(observers, expected, SiloStatus.Active, timeout);

    /// <summary>
    /// Waits until the stored table and every silo in <paramref name="observers"/> show each of
    /// <paramref name="targets"/> with <paramref name="status"/>. Returns the time it took.
    /// </summary>
    public static Task<TimeSpan> WaitUntilStatusAsync(this ProcessCluster cluster, IReadOnlyList<SiloProcess> observers, IReadOnlyList<SiloProcess> targets, SiloStatus status, TimeSpan timeout)
    {
        string last = "nothing read yet";
        return ProcessCluster.WaitUntilAsync(
            async () =>
            {
                var table = await cluster.Storage.ReadMembershipAsync();
                foreach (var target in targets)
                {
                    var stored = table.Find(target.Address)?.Entry.Status ?? SiloStatus.None;
                    if (stored != status)
                    {
                        last = $"the table has {target.Name} ({target.AddressText}) as {stored}";
                        return false;
                    }
                }

                foreach (var observer in observers)
                {
                    var (version, members) = await observer.GetMembershipViewAsync();
                    foreach (var target in targets)
                    {
                        var seen = members.GetValueOrDefault(target.AddressText, SiloStatus.None);
                        if (seen != status)
                        {
                            last = $"{observer.Name} (view v{version}) sees {target.Name} as {seen}";
                            return false;
                        }
                    }
                }

                return true;
            },
            timeout,
            async () => $"expected {status} for {string.Join(", ", targets.Select(t => t.Name))}; {last}; {await cluster.DescribeMembershipAsync()}");
    }
}
